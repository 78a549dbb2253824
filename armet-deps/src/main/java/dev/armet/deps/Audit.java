package dev.armet.deps;

import dev.armet.deps.internal.FindingMerger;
import dev.armet.deps.internal.FixedVersions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches an inventory against OSV data in Maven's version order and works out each fix.
 *
 * <pre>{@code
 * AuditReport r = Audit.run(Inventories.fromSbom(bom), OsvDatabase.load(osv), List.of(), Clock.systemUTC());
 * r.failsAt(Severity.HIGH);
 * }</pre>
 *
 * <p>Guarantees: the same artifact version reached by several paths is one finding listing every
 * path; records that name each other (GHSA and CVE ids of one issue) are one finding; a fixed
 * version is only proposed when no record of the finding affects it.
 */
public final class Audit {
  private Audit() {}

  public static AuditReport run(
      Inventory inventory, OsvDatabase db, List<Suppression> suppressions, Clock clock) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<String, List<Dependency>> byGav = new LinkedHashMap<>();
    for (Dependency d : inventory.dependencies()) {
      byGav.computeIfAbsent(d.gav(), k -> new ArrayList<>()).add(d);
    }
    List<Suppression> live = suppressions.stream().filter(s -> !s.expiredOn(today)).toList();
    List<Finding> findings = new ArrayList<>();
    for (List<Dependency> occurrences : byGav.values()) {
      Dependency d = occurrences.get(0);
      List<Advisory> hits = new ArrayList<>();
      for (Advisory a : db.advisoriesFor(d.coordinate())) {
        if (a.affects(d.coordinate(), d.version())) {
          hits.add(a);
        }
      }
      if (hits.isEmpty()) {
        continue;
      }
      MavenFix fix = fixFor(d, hits);
      List<List<String>> paths = occurrences.stream().map(Dependency::path).distinct().toList();
      for (List<Advisory> issue : FindingMerger.byIssue(hits)) {
        List<String> ids = FindingMerger.ids(issue);
        Severity severity =
            issue.stream().map(Advisory::severity).max(Audit::bySeverity).orElseThrow();
        Optional<Suppression> s =
            live.stream().filter(x -> x.covers(ids, d.coordinate())).findFirst();
        findings.add(
            new Finding(
                d,
                paths,
                ids,
                issue.get(0).summary(),
                severity,
                FixedVersions.smallest(d.coordinate(), d.version(), issue),
                FixedVersions.newest(d.coordinate(), d.version(), issue),
                fix,
                s,
                false));
      }
    }
    findings.sort((a, b) -> bySeverity(b.severity(), a.severity()));
    List<Suppression> expired = suppressions.stream().filter(s -> s.expiredOn(today)).toList();
    return new AuditReport(
        inventory.source(),
        byGav.size(),
        findings,
        expired,
        db.source(),
        db.retrievedAt(),
        clock.instant(),
        db.problems());
  }

  private static int bySeverity(Severity a, Severity b) {
    int c = Integer.compare(a.rank(), b.rank());
    return c != 0
        ? c
        : Integer.compare(a == Severity.UNKNOWN ? 0 : 1, b == Severity.UNKNOWN ? 0 : 1);
  }

  private static MavenFix fixFor(Dependency d, List<Advisory> hits) {
    Optional<String> version = FixedVersions.smallest(d.coordinate(), d.version(), hits);
    if (version.isEmpty()) {
      return new MavenFix(
          MavenFix.Kind.NO_FIX_YET, d.coordinate(), Optional.empty(), Optional.empty());
    }
    if (d.direct()) {
      return new MavenFix(MavenFix.Kind.BUMP_DIRECT, d.coordinate(), version, Optional.empty());
    }
    return new MavenFix(
        MavenFix.Kind.MANAGE_OVERRIDE, d.coordinate(), version, Optional.of(d.directDependency()));
  }
}
