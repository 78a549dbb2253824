package dev.armet.audit.internal;

import dev.armet.audit.AuditOptions;
import dev.armet.audit.Finding;
import dev.armet.audit.Grade;
import dev.armet.audit.ObservatoryScore;
import dev.armet.audit.Report;
import dev.armet.audit.Severity;
import dev.armet.audit.TlsSummary;
import dev.armet.audit.UnreachableTargetException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** One audit of one URL, from retrieval to report. */
public final class AuditRun {
  private static final int MAX_LOW_PENALTY = 15;
  private static final java.util.concurrent.Executor TLS_THREAD =
      task -> {
        Thread t = new Thread(task, "armet-audit-tls");
        t.setDaemon(true);
        t.start();
      };

  private final URI target;
  private final AuditOptions options;

  public AuditRun(URI target, AuditOptions options) {
    this.target = target;
    this.options = options;
  }

  public Report run() throws UnreachableTargetException {
    TrustSetup trust = new TrustSetup(options.trusted());
    HttpProbe probe = new HttpProbe(options, trust);
    Retrieval retrieval = new Retriever(probe).retrieve(target);
    ObservatoryScore observatory = ObservatoryGrader.grade(retrieval);
    Findings findings = new Findings();
    AuditContext ctx = new AuditContext(target, options, probe, retrieval, observatory, findings);
    if (observatory.grade() == null) {
      findings.add(
          "observatory-refuses-status",
          Severity.INFO,
          "The Observatory would refuse to grade this page (status "
              + retrieval.auto().status()
              + "); its score is shown as Armet computes it",
          retrieval.auto().head(),
          "");
    }
    // The TLS probe needs no HTTP request: it runs beside the HTTP checks.
    java.util.concurrent.CompletableFuture<TlsSummary> tlsProbe =
        retrieval.endsOnHttps() && options.probeTls()
            ? java.util.concurrent.CompletableFuture.supplyAsync(
                () -> probeTls(ctx, trust, probe), TLS_THREAD)
            : java.util.concurrent.CompletableFuture.completedFuture(TlsSummary.none());
    ObservatoryFindings.add(ctx);
    HeaderChecks.run(ctx);
    TransportChecks.run(ctx);
    LeakageChecks.run(ctx);
    CorsAndRateLimitChecks.run(ctx);
    if (options.probeCsrf()) {
      ActiveProbes.csrf(ctx);
    }
    options
        .loginPath()
        .ifPresent(path -> ActiveProbes.login(ctx, path, options.loginUser().orElseThrow()));
    CookieChecks.run(ctx);
    List<Exchange> seen = new ArrayList<>(retrieval.httpsChain());
    seen.addAll(retrieval.httpChain());
    seen.addAll(ctx.extra);
    findings.stack(Stack.detect(seen));
    TlsSummary tls = tlsProbe.join();
    if (!retrieval.endsOnHttps()) {
      findings.add(
          "https-missing",
          Severity.HIGH,
          "The site does not answer over https",
          target.toString(),
          "tls");
    }
    List<Finding> sorted = findings.sorted();
    int score = armetScore(observatory, sorted);
    return new Report(
        target.toString(),
        Grade.forScore(score),
        score,
        observatory,
        sorted,
        tls,
        probe.sent(),
        findings.stack().jsonName());
  }

  private TlsSummary probeTls(AuditContext ctx, TrustSetup trust, HttpProbe probe) {
    URI https = ctx.retrieval.auto().url();
    int port = https.getPort() > 0 ? https.getPort() : 443;
    try {
      TlsProber prober =
          new TlsProber(
              probe.address(https.getHost(), port),
              https.getHost(),
              trust.anyChain(),
              (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()),
              ctx.findings);
      return prober.probe(probe, https.getHost());
    } catch (IOException | RuntimeException e) {
      ctx.findings.add("tls-probe-failed", Severity.INFO, "The TLS probe failed", e.toString(), "");
      return TlsSummary.none();
    }
  }

  /**
   * Armet's score: the Observatory's (at most 100) less a penalty per finding outside the
   * Observatory's ten tests (lows together at most {@value #MAX_LOW_PENALTY}); never below 0.
   */
  public static int armetScore(ObservatoryScore observatory, List<Finding> findings) {
    int base = observatory.score() != null ? observatory.score() : rawScore(observatory);
    int score = Math.min(base, 100);
    int low = 0;
    for (Finding f : findings) {
      if (observatory.results().containsValue(f.id())) {
        continue;
      }
      if (f.severity() == Severity.LOW) {
        low += f.severity().penalty();
      } else {
        score -= f.severity().penalty();
      }
    }
    return Math.max(0, score - Math.min(low, MAX_LOW_PENALTY));
  }

  private static int rawScore(ObservatoryScore o) {
    int s = 100;
    for (String r : o.results().values()) {
      s += Math.min(0, ObservatoryGrader.modifier(r));
    }
    return Math.max(0, s);
  }
}
