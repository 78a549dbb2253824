package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every cookie the site set: flags, prefixes, scope, lifetime, and names that fingerprint a stack.
 */
final class CookieChecks {
  private static final Map<String, String> FINGERPRINTS =
      Map.of(
          "jsessionid",
          "Java servlet container",
          "connect.sid",
          "Express",
          "phpsessid",
          "PHP",
          "asp.net_sessionid",
          "ASP.NET",
          "laravel_session",
          "Laravel");
  private static final long ONE_YEAR = 365L * 24 * 3600;

  private CookieChecks() {}

  static void run(AuditContext ctx) {
    List<SetCookie> cookies = new ArrayList<>();
    List<Exchange> seen = new ArrayList<>(ctx.retrieval.httpChain());
    seen.addAll(ctx.retrieval.httpsChain());
    seen.addAll(ctx.extra);
    for (Exchange e : seen) {
      for (String raw : e.headers().all("set-cookie")) {
        SetCookie c = SetCookie.parse(raw, e.url().getHost());
        if (c != null && cookies.stream().noneMatch(k -> k.name().equals(c.name()))) {
          cookies.add(c);
        }
      }
    }
    Findings f = ctx.findings;
    for (SetCookie c : cookies) {
      String n = c.name();
      boolean session =
          c.looksLikeSession()
              || FINGERPRINTS.containsKey(n.toLowerCase(Locale.ROOT))
              || n.equals("__Host-id")
              || n.toLowerCase(Locale.ROOT).endsWith("sid");
      String evidence = "Set-Cookie: " + c.raw();
      if (!c.secure()) {
        f.add(
            "cookie-not-secure:" + n,
            session ? Severity.HIGH : Severity.MEDIUM,
            "Cookie " + n + " lacks Secure: it travels over plain http",
            evidence,
            "cookie");
      }
      if (session && !c.httpOnly()) {
        f.add(
            "cookie-not-httponly:" + n,
            Severity.HIGH,
            "Session cookie " + n + " lacks HttpOnly: script can read it",
            evidence,
            "cookie");
      }
      if (c.sameSite() == null) {
        f.add(
            "cookie-no-samesite:" + n,
            Severity.LOW,
            "Cookie " + n + " has no (valid) SameSite attribute",
            evidence,
            "cookie");
      } else if (c.sameSite().equals("none") && session) {
        f.add(
            "cookie-samesite-none:" + n,
            Severity.MEDIUM,
            "Session cookie " + n + " is SameSite=None: sent cross-site",
            evidence,
            "cookie");
      }
      if (session && !n.startsWith("__Host-") && !n.startsWith("__Secure-")) {
        f.add(
            "cookie-no-prefix:" + n,
            Severity.LOW,
            "Session cookie " + n + " has no __Host- prefix to pin it to this host",
            evidence,
            "cookie");
      }
      if (c.domain() != null) {
        f.add(
            "cookie-domain-scope:" + n,
            Severity.LOW,
            "Cookie " + n + " is sent to every subdomain of " + c.domain(),
            evidence,
            "cookie");
      }
      if (session && c.maxAgeSeconds() != null && c.maxAgeSeconds() > ONE_YEAR) {
        f.add(
            "cookie-long-lived:" + n,
            Severity.LOW,
            "Session cookie " + n + " lives longer than a year",
            evidence,
            "cookie");
      }
      String stack = FINGERPRINTS.get(n.toLowerCase(Locale.ROOT));
      if (stack != null) {
        f.add(
            "cookie-name-fingerprint:" + n,
            Severity.LOW,
            "Cookie name " + n + " tells attackers the stack (" + stack + ")",
            evidence,
            "cookie");
      }
    }
  }
}
