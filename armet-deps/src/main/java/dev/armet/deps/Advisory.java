package dev.armet.deps;

import java.util.List;
import java.util.Optional;

/**
 * One OSV record, reduced to what matching needs.
 *
 * @param id the record's id (a GHSA id in OSV's Maven export)
 * @param aliases the other ids of the same issue (CVE ids); never null
 * @param summary one line; the start of {@code details} when the record has no summary
 * @param severity rated from the CVSS v3 vector, else the database's rating
 * @param cvssScore the CVSS v3 base score when the record has a v3 vector
 * @param affected the Maven packages and versions the record names (several entries per package are
 *     normal: Log4Shell names log4j-core three times)
 */
public record Advisory(
    String id,
    List<String> aliases,
    String summary,
    Severity severity,
    Optional<Double> cvssScore,
    List<AffectedPackage> affected) {
  public Advisory {
    aliases = List.copyOf(aliases);
    affected = List.copyOf(affected);
  }

  /** True when {@code version} of {@code coordinate} ({@code groupId:artifactId}) is affected. */
  public boolean affects(String coordinate, String version) {
    for (AffectedPackage a : affected) {
      if (a.coordinate().equals(coordinate) && a.affects(version)) {
        return true;
      }
    }
    return false;
  }
}
