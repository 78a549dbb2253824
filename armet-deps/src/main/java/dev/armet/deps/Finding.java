package dev.armet.deps;

import java.util.List;
import java.util.Optional;

/**
 * One vulnerable artifact for one issue (the GHSA and CVE ids of one issue are one finding).
 *
 * @param dependency the artifact and its (first) path from the project
 * @param paths every path by which the artifact comes in (a reactor can have several)
 * @param ids the advisory ids and aliases, the records' own ids first
 * @param summary the advisory's summary
 * @param severity the highest severity among the merged records
 * @param smallestFixed the smallest version above the found one that none of these records affects
 * @param newestFixed the newest version any record names as fixed, when it is not affected
 * @param fix what to change in the pom (per package: a version fixing every finding on it)
 * @param suppression the suppression that applies, when one does (expired ones are not applied)
 * @param unreferenced true when the application's classes are known and none references a class of
 *     this artifact: a triage hint, never a verdict of "safe"
 */
public record Finding(
    Dependency dependency,
    List<List<String>> paths,
    List<String> ids,
    String summary,
    Severity severity,
    Optional<String> smallestFixed,
    Optional<String> newestFixed,
    MavenFix fix,
    Optional<Suppression> suppression,
    boolean unreferenced) {
  public Finding {
    paths = paths.stream().map(List::copyOf).toList();
    ids = List.copyOf(ids);
  }

  public boolean suppressed() {
    return suppression.isPresent();
  }

  Finding withUnreferenced(boolean value) {
    return new Finding(
        dependency,
        paths,
        ids,
        summary,
        severity,
        smallestFixed,
        newestFixed,
        fix,
        suppression,
        value);
  }
}
