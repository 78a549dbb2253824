package dev.armet.audit.internal;

import dev.armet.audit.AuditOptions;
import dev.armet.audit.ObservatoryScore;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What every check of one audit shares: the probe, the retrieval, the findings. */
final class AuditContext {
  final URI target;
  final AuditOptions options;
  final HttpProbe probe;
  final Retrieval retrieval;
  final ObservatoryScore observatory;
  final Findings findings;

  /** Every response seen beyond the retrieval (error pages and probes), for stack detection. */
  final List<Exchange> extra = new ArrayList<>();

  AuditContext(
      URI target,
      AuditOptions options,
      HttpProbe probe,
      Retrieval retrieval,
      ObservatoryScore observatory,
      Findings findings) {
    this.target = target;
    this.options = options;
    this.probe = probe;
    this.retrieval = retrieval;
    this.observatory = observatory;
    this.findings = findings;
  }

  /** The final URL the site settled on (https when it answered). */
  URI base() {
    return retrieval.auto().url();
  }

  boolean https() {
    return "https".equals(base().getScheme());
  }

  /** Sends a request; null when it failed or the budget is spent (the check then says nothing). */
  Exchange trySend(Request r) {
    try {
      Exchange e = probe.send(r);
      extra.add(e);
      return e;
    } catch (IOException e) {
      return null;
    } catch (BudgetExhaustedException e) {
      findings.add(
          "request-budget-reached",
          dev.armet.audit.Severity.INFO,
          "The request budget was reached; some checks were skipped",
          "budget " + options.maxRequests() + " requests (--max-requests)",
          "");
      return null;
    }
  }
}
