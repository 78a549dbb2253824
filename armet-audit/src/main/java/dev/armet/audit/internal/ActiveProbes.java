package dev.armet.audit.internal;

import dev.armet.audit.AuditOptions;
import dev.armet.audit.Severity;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The opt-in probes that send state-changing requests: a cross-site POST to a form found on the
 * page (must be refused), and a bounded run of failed logins (must end in a lock-out).
 */
final class ActiveProbes {
  private ActiveProbes() {}

  static void csrf(AuditContext ctx) {
    Exchange page = ctx.retrieval.auto();
    Map<String, String> form =
        Html.tags(page.body(), "form").stream()
            .filter(a -> "post".equalsIgnoreCase(a.getOrDefault("method", "")))
            .findFirst()
            .orElse(null);
    if (form == null) {
      ctx.findings.add(
          "csrf-probe-no-form",
          Severity.INFO,
          "CSRF probe: no POST form on the page to try",
          page.url().toString(),
          "csrf");
      return;
    }
    URI action =
        page.url()
            .resolve(
                form.getOrDefault("action", "").isEmpty()
                    ? page.url().getRawPath()
                    : form.get("action"));
    Exchange e =
        ctx.trySend(
            Request.get(action)
                .method("POST")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", CorsAndRateLimitChecks.FOREIGN_ORIGIN)
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "navigate")
                .body("armet-audit=csrf-probe"));
    if (e != null && e.status() < 400) {
      ctx.findings.add(
          "csrf-not-refused",
          Severity.HIGH,
          "A cross-site POST (foreign Origin, Sec-Fetch-Site: cross-site) to "
              + action.getRawPath()
              + " was accepted",
          "POST " + action + " -> " + e.status(),
          "csrf");
    }
  }

  static void login(AuditContext ctx, String path, String user) {
    URI url = ctx.base().resolve(path);
    int attempts = Math.min(AuditOptions.MAX_LOGIN_ATTEMPTS, ctx.probe.remaining());
    String body =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + "armet-audit-wrong-password";
    for (int i = 1; i <= attempts; i++) {
      Exchange e =
          ctx.trySend(
              Request.get(url)
                  .method("POST")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .body(body));
      if (e == null) {
        return;
      }
      String text = e.body().toLowerCase(Locale.ROOT);
      if (e.status() == 429
          || e.status() == 423
          || text.contains("locked")
          || text.contains("too many")) {
        return; // locked out within the budget: the guard works
      }
    }
    ctx.findings.add(
        "login-no-lockout",
        Severity.HIGH,
        "No lock-out after " + attempts + " failed logins for " + user,
        "POST " + url + " x" + attempts,
        "login");
  }
}
