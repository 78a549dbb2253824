package dev.armet.check;

import dev.armet.env.ArmetEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The findings of every {@link SelfCheck}, most severe first. A check that throws becomes an {@code
 * ERROR} finding naming it, so a broken check can never pass silently.
 *
 * <pre>{@code
 * SelfCheckReport report = SelfCheckReport.run(env, checks);
 * if (env.isProduction() && report.hasErrors()) { refuse to start }
 * }</pre>
 */
public final class SelfCheckReport {
  private final List<Finding> findings;

  private SelfCheckReport(List<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(Finding::severity).reversed()); // stable: keeps check order
    this.findings = List.copyOf(sorted);
  }

  /** Runs {@code checks} in order for {@code environment}. */
  public static SelfCheckReport run(
      ArmetEnvironment environment, List<? extends SelfCheck> checks) {
    List<Finding> all = new ArrayList<>();
    for (SelfCheck check : checks) {
      try {
        all.addAll(check.check(environment));
      } catch (RuntimeException e) {
        all.add(
            Finding.error(
                "self-check",
                check.getClass().getName() + " failed: " + e,
                "fix the component's configuration; the check could not run"));
      }
    }
    return new SelfCheckReport(all);
  }

  public static SelfCheckReport of(List<Finding> findings) {
    return new SelfCheckReport(findings);
  }

  /** Every finding, errors first, then warnings, then information. */
  public List<Finding> findings() {
    return findings;
  }

  public List<Finding> errors() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  public boolean hasErrors() {
    return !errors().isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      out.append(f).append('\n');
    }
    return out.toString();
  }
}
