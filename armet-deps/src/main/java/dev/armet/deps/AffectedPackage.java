package dev.armet.deps;

import dev.armet.deps.internal.MavenVersions;
import java.util.List;

/**
 * One {@code affected[]} entry of an OSV record for a Maven package: its {@code ECOSYSTEM} ranges
 * and its explicit {@code versions[]}. A version is affected when it is listed, or when a range
 * holds it (Maven's version order: {@code 5.2.20.RELEASE} equals {@code 5.2.20}).
 *
 * @param coordinate {@code groupId:artifactId}
 * @param ranges the ECOSYSTEM ranges (other range types are not Maven versions and are ignored)
 * @param versions the versions listed one by one
 */
public record AffectedPackage(String coordinate, List<VersionRange> ranges, List<String> versions) {
  public AffectedPackage {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }

  public boolean affects(String version) {
    for (String listed : versions) {
      if (MavenVersions.compare(listed, version) == 0) {
        return true;
      }
    }
    for (VersionRange r : ranges) {
      if (r.contains(version)) {
        return true;
      }
    }
    return false;
  }
}
