package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.util.ArrayList;
import java.util.List;

/** CORS that reflects a foreign Origin with credentials, and the rate-limit headers. */
final class CorsAndRateLimitChecks {
  static final String FOREIGN_ORIGIN = "https://armet-audit.invalid";

  private CorsAndRateLimitChecks() {}

  static void run(AuditContext ctx) {
    Findings f = ctx.findings;
    Exchange e = ctx.trySend(Request.get(ctx.base()).header("Origin", FOREIGN_ORIGIN));
    if (e != null) {
      String acao = e.headers().first("access-control-allow-origin");
      String acac = e.headers().first("access-control-allow-credentials");
      boolean credentials = acac != null && acac.trim().equalsIgnoreCase("true");
      if (acao != null && acao.trim().equals(FOREIGN_ORIGIN) && credentials) {
        f.add(
            "cors-reflects-origin-with-credentials",
            Severity.HIGH,
            "CORS reflects any Origin with credentials: every site can read this one as the signed-in user",
            "Origin: "
                + FOREIGN_ORIGIN
                + " -> Access-Control-Allow-Origin: "
                + acao
                + ", Access-Control-Allow-Credentials: "
                + acac,
            "cors");
      } else if ("null".equals(acao == null ? null : acao.trim()) && credentials) {
        f.add(
            "cors-null-origin-with-credentials",
            Severity.HIGH,
            "CORS allows the 'null' origin with credentials",
            "Access-Control-Allow-Origin: null",
            "cors");
      }
    }
    List<Exchange> seen = new ArrayList<>(ctx.retrieval.httpsChain());
    seen.addAll(ctx.retrieval.httpChain());
    seen.addAll(ctx.extra);
    boolean rateHeaders =
        seen.stream()
            .anyMatch(
                x ->
                    x.headers().has("ratelimit")
                        || x.headers().has("ratelimit-policy")
                        || x.headers().has("x-ratelimit-limit"));
    for (Exchange x : seen) {
      if (x.status() == 429 && !x.headers().has("retry-after")) {
        f.add(
            "rate-limit-no-retry-after",
            Severity.LOW,
            "A 429 answer has no Retry-After",
            x.head(),
            "ratelimit");
      }
    }
    if (!rateHeaders) {
      f.add(
          "rate-limit-headers-missing",
          Severity.INFO,
          "No RateLimit/RateLimit-Policy headers seen (IETF draft): clients cannot pace themselves",
          "RateLimit: (absent on " + seen.size() + " responses)",
          "ratelimit");
    }
  }
}
