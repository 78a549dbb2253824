package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.util.Map;

/** Turns each Observatory result that costs points into a finding, with the header as evidence. */
final class ObservatoryFindings {
  private record Test(String header, String topic, String title) {}

  private static final Map<String, Test> TESTS =
      Map.of(
          "content-security-policy",
              new Test("content-security-policy", "csp", "Content-Security-Policy"),
          "cookies", new Test("set-cookie", "cookie", "Cookies"),
          "cross-origin-resource-sharing", new Test("access-control-allow-origin", "cors", "CORS"),
          "redirection", new Test("location", "redirect", "HTTP to HTTPS redirection"),
          "referrer-policy", new Test("referrer-policy", "referrer", "Referrer-Policy"),
          "strict-transport-security",
              new Test("strict-transport-security", "hsts", "Strict-Transport-Security"),
          "subresource-integrity", new Test(null, "csp", "Subresource Integrity"),
          "x-content-type-options",
              new Test("x-content-type-options", "xcto", "X-Content-Type-Options"),
          "x-frame-options", new Test("x-frame-options", "frame", "X-Frame-Options"),
          "cross-origin-resource-policy",
              new Test(
                  "cross-origin-resource-policy", "isolation", "Cross-Origin-Resource-Policy"));

  private ObservatoryFindings() {}

  static void add(AuditContext ctx) {
    ctx.observatory
        .results()
        .forEach(
            (test, result) -> {
              int modifier = ObservatoryGrader.modifier(result);
              if (modifier >= 0) {
                return;
              }
              Test t = TESTS.get(test);
              Severity severity =
                  modifier <= -40
                      ? Severity.HIGH
                      : modifier <= -20 ? Severity.MEDIUM : Severity.LOW;
              Exchange source =
                  test.equals("redirection")
                      ? ctx.retrieval.httpFinal()
                      : test.equals("strict-transport-security")
                          ? ctx.retrieval.httpsFinal()
                          : ctx.retrieval.auto();
              String value =
                  t.header() == null || source == null
                      ? null
                      : source.headers().combined(t.header());
              String evidence =
                  value == null
                      ? t.title() + ": (absent); Observatory result " + result
                      : t.header() + ": " + value + "; Observatory result " + result;
              ctx.findings.add(
                  result,
                  severity,
                  t.title() + ": " + result.replace('-', ' ') + " (Observatory " + modifier + ")",
                  evidence,
                  t.topic());
            });
  }
}
