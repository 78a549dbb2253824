package dev.armet.deps.internal;

import dev.armet.deps.Advisory;
import dev.armet.deps.AffectedPackage;
import dev.armet.deps.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The versions a finding can move to: every {@code fixed} event of the records for the package that
 * is above the found version and that no record of the finding affects. The smallest is the one on
 * the same line (Log4Shell at 2.10.0 gives 2.12.2, not 2.15.0).
 */
public final class FixedVersions {
  private FixedVersions() {}

  public static Optional<String> smallest(
      String coordinate, String found, List<Advisory> advisories) {
    List<String> c = candidates(coordinate, found, advisories);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  public static Optional<String> newest(
      String coordinate, String found, List<Advisory> advisories) {
    List<String> c = candidates(coordinate, found, advisories);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(c.size() - 1));
  }

  static List<String> candidates(String coordinate, String found, List<Advisory> advisories) {
    TreeSet<String> fixed = new TreeSet<>(MavenVersions::compare);
    for (Advisory a : advisories) {
      for (AffectedPackage p : a.affected()) {
        if (p.coordinate().equals(coordinate)) {
          for (VersionRange r : p.ranges()) {
            fixed.addAll(r.fixedVersions());
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String v : fixed) {
      if (MavenVersions.compare(v, found) > 0
          && advisories.stream().noneMatch(a -> a.affects(coordinate, v))) {
        out.add(v);
      }
    }
    return out;
  }
}
