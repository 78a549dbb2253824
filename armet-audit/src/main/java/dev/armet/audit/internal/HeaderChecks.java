package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Armet's header checks beyond the Observatory's: isolation, permissions, CSP quality, obsolete
 * headers.
 */
final class HeaderChecks {
  private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");

  private HeaderChecks() {}

  static void run(AuditContext ctx) {
    Exchange auto = ctx.retrieval.auto();
    var h = auto.headers();
    Findings f = ctx.findings;
    if (!h.has("cross-origin-opener-policy")) {
      f.add(
          "coop-missing",
          Severity.LOW,
          "No Cross-Origin-Opener-Policy: other sites' windows keep a handle on yours",
          "Cross-Origin-Opener-Policy: (absent)",
          "isolation");
    }
    if (!h.has("cross-origin-embedder-policy")) {
      f.add(
          "coep-missing",
          Severity.INFO,
          "No Cross-Origin-Embedder-Policy (needed only for cross-origin isolation)",
          "Cross-Origin-Embedder-Policy: (absent)",
          "isolation");
    }
    if (!h.has("permissions-policy")) {
      f.add(
          "permissions-policy-missing",
          Severity.LOW,
          "No Permissions-Policy: camera, microphone, geolocation stay available to injected or framed content",
          "Permissions-Policy: (absent)",
          "permissions");
    }
    String csp = h.combined("content-security-policy");
    if (csp != null
        && csp.contains("report-to")
        && !h.has("reporting-endpoints")
        && !h.has("report-to")) {
      f.add(
          "reporting-endpoints-missing",
          Severity.LOW,
          "CSP report-to names a group no Reporting-Endpoints header defines",
          "Content-Security-Policy: " + csp,
          "csp");
    }
    if (h.has("public-key-pins")) {
      f.add(
          "hpkp-present",
          Severity.MEDIUM,
          "Public-Key-Pins (HPKP) is obsolete and can lock users out",
          "Public-Key-Pins: " + h.first("public-key-pins"),
          "legacy-header");
    }
    if (h.has("expect-ct")) {
      f.add(
          "expect-ct-present",
          Severity.INFO,
          "Expect-CT is obsolete; browsers ignore it",
          "Expect-CT: " + h.first("expect-ct"),
          "legacy-header");
    }
    String xxp = h.first("x-xss-protection");
    if (xxp != null && !xxp.trim().equals("0")) {
      f.add(
          "x-xss-protection-enabled",
          Severity.LOW,
          "X-XSS-Protection other than 0 turns on a filter that itself leaks cross-site information",
          "X-XSS-Protection: " + xxp,
          "legacy-header");
    }
    if (csp != null) {
      cspQuality(ctx, csp);
    }
  }

  private static void cspQuality(AuditContext ctx, String csp) {
    Map<String, Set<String>> policy;
    try {
      policy = CspPolicyParser.parse(java.util.List.of(csp));
    } catch (IllegalArgumentException e) {
      return; // the Observatory finding already says the header is invalid
    }
    Set<String> script =
        policy.getOrDefault("script-src", policy.getOrDefault("default-src", Set.of("*")));
    boolean nonceOrHash =
        script.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha"));
    Findings f = ctx.findings;
    String evidence = "Content-Security-Policy: " + csp;
    if (script.contains("'unsafe-inline'") && !nonceOrHash) {
      f.add(
          "csp-unsafe-inline",
          Severity.MEDIUM,
          "CSP allows inline script ('unsafe-inline'): no XSS protection",
          evidence,
          "csp");
    }
    if (script.contains("'unsafe-eval'")) {
      f.add("csp-unsafe-eval", Severity.MEDIUM, "CSP allows eval ('unsafe-eval')", evidence, "csp");
    }
    if (script.contains("'strict-dynamic'") && !nonceOrHash) {
      f.add(
          "csp-strict-dynamic-without-nonce",
          Severity.MEDIUM,
          "CSP 'strict-dynamic' without a nonce or hash blocks every script or is ignored",
          evidence,
          "csp");
    }
    if (!policy.containsKey("object-src") && !isNone(policy.get("default-src"))) {
      f.add(
          "csp-object-src-missing",
          Severity.LOW,
          "CSP has no object-src 'none': plugins can run script",
          evidence,
          "csp");
    }
    if (!policy.containsKey("base-uri")) {
      f.add(
          "csp-base-uri-missing",
          Severity.LOW,
          "CSP has no base-uri: an injected <base> can redirect relative scripts",
          evidence,
          "csp");
    }
    if (!policy.containsKey("frame-ancestors")) {
      f.add(
          "csp-frame-ancestors-missing",
          Severity.LOW,
          "CSP has no frame-ancestors (clickjacking relies on X-Frame-Options alone)",
          evidence,
          "frame");
    }
    Matcher m = NONCE.matcher(csp);
    if (m.find()) {
      String first = m.group(1);
      Exchange again = ctx.trySend(Request.get(ctx.base()));
      String csp2 = again == null ? null : again.headers().combined("content-security-policy");
      if (csp2 != null
          && csp2.toLowerCase(Locale.ROOT)
              .contains("'nonce-" + first.toLowerCase(Locale.ROOT) + "'")) {
        f.add(
            "csp-nonce-reused",
            Severity.HIGH,
            "The CSP nonce is the same on two fetches: it protects nothing",
            "nonce-" + first + " on both responses",
            "csp");
      }
    }
  }

  private static boolean isNone(Set<String> sources) {
    return sources != null && sources.size() == 1 && sources.contains("'none'");
  }
}
