package dev.armet.deps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The result of one audit.
 *
 * @param inventorySource where the inventory came from
 * @param dependencyCount how many distinct artifacts were checked
 * @param findings every finding, suppressed ones included (they carry their suppression)
 * @param expiredSuppressions suppressions whose date has passed (they hide nothing any more)
 * @param dataSource where the OSV data was read from
 * @param dataRetrievedAt when it was fetched
 * @param checkedAt when the audit ran
 * @param dataProblems OSV records that could not be read
 */
public record AuditReport(
    String inventorySource,
    int dependencyCount,
    List<Finding> findings,
    List<Suppression> expiredSuppressions,
    String dataSource,
    Instant dataRetrievedAt,
    Instant checkedAt,
    List<String> dataProblems) {
  public AuditReport {
    findings = List.copyOf(findings);
    expiredSuppressions = List.copyOf(expiredSuppressions);
    dataProblems = List.copyOf(dataProblems);
  }

  /** How old the OSV data was when the audit ran. */
  public Duration dataAge() {
    Duration d = Duration.between(dataRetrievedAt, checkedAt);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The findings not suppressed. */
  public List<Finding> active() {
    return findings.stream().filter(f -> !f.suppressed()).toList();
  }

  /** True when an unsuppressed finding is at or above {@code threshold}. */
  public boolean failsAt(Severity threshold) {
    return active().stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
