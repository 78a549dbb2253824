package dev.armet.server;

import dev.armet.check.Finding;
import dev.armet.check.SelfCheck;
import dev.armet.deps.Audit;
import dev.armet.deps.AuditReport;
import dev.armet.deps.ClasspathCheck;
import dev.armet.deps.Inventory;
import dev.armet.deps.OsvDatabase;
import dev.armet.env.ArmetEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code deps.osv} start-up check: the jars on the running class path against a local OSV
 * snapshot ({@code armet deps update --to DIR}). A vulnerable jar at or above {@code deps.fail-on}
 * (default high) is an error-level finding with its fix, so production refuses to start; below it,
 * a warning. Missing or month-old data is an error in production, a warning in development.
 */
final class DependencySelfCheck implements SelfCheck {
  static final Duration MAX_AGE = Duration.ofDays(30);

  private final Path osv;
  private final dev.armet.deps.Severity failOn;
  private final Supplier<Inventory> inventory;
  private final Clock clock;

  DependencySelfCheck(
      Path osv, dev.armet.deps.Severity failOn, Supplier<Inventory> inventory, Clock clock) {
    this.osv = Objects.requireNonNull(osv, "deps.osv");
    this.failOn = Objects.requireNonNull(failOn, "deps.fail-on");
    this.inventory = inventory;
    this.clock = clock;
  }

  /** Checks the running JVM's class path against the OSV data at {@code osv}. */
  static DependencySelfCheck ofRunningClasspath(Path osv, dev.armet.deps.Severity failOn) {
    return new DependencySelfCheck(osv, failOn, ClasspathCheck::running, Clock.systemUTC());
  }

  @Override
  public List<Finding> check(ArmetEnvironment env) {
    OsvDatabase db;
    try {
      db = OsvDatabase.load(osv);
    } catch (IOException e) {
      return List.of(
          severe(
              env,
              "the OSV data cannot be read (" + e.getMessage() + ")",
              "run `armet deps update --to " + osv + "`, or unset deps.osv"));
    }
    List<Finding> out = new ArrayList<>();
    Duration age = db.ageAt(clock.instant());
    if (age.compareTo(MAX_AGE) > 0) {
      out.add(
          severe(
              env,
              "the OSV data at " + osv + " is " + age.toDays() + " days old",
              "run `armet deps update --to " + osv + "` (daily, from cron or a systemd timer)"));
    }
    AuditReport report = Audit.run(inventory.get(), db, List.of(), clock);
    report
        .active()
        .forEach(
            f -> {
              String message =
                  f.dependency().gav()
                      + " on the class path: "
                      + String.join(", ", f.ids())
                      + " ("
                      + f.severity().label()
                      + ") "
                      + f.summary();
              String fix = f.fix().describe() + ", rebuild and redeploy";
              out.add(
                  f.severity().atLeast(failOn)
                      ? Finding.error("dependencies", message, fix)
                      : Finding.warning("dependencies", message, fix));
            });
    if (report.active().isEmpty()) {
      out.add(
          Finding.info(
              "dependencies",
              report.dependencyCount()
                  + " artifacts on the class path, no known"
                  + " vulnerability (OSV data retrieved "
                  + db.retrievedAt()
                  + ")"));
    }
    return out;
  }

  private static Finding severe(ArmetEnvironment env, String message, String fix) {
    return env.isProduction()
        ? Finding.error("dependencies", message, fix)
        : Finding.warning("dependencies", message, fix);
  }
}
