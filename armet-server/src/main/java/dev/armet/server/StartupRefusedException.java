package dev.armet.server;

import dev.armet.check.SelfCheckReport;
import java.util.stream.Collectors;

/** Production refused to start: the self-check found at least one error. */
public final class StartupRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final transient SelfCheckReport report;

  StartupRefusedException(SelfCheckReport report) {
    super(
        "refusing to start in production: "
            + report.errors().stream()
                .map(f -> f.topic() + ": " + f.message() + " (fix: " + f.fix() + ")")
                .collect(Collectors.joining("; ")));
    this.report = report;
  }

  /** Every finding, the errors first. */
  public SelfCheckReport report() {
    return report;
  }
}
