package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The http→https redirect (status, host, hostile Host) and the quality of HSTS. */
final class TransportChecks {
  static final String HOSTILE_HOST = "armet-audit.invalid";

  private TransportChecks() {}

  static void run(AuditContext ctx) {
    List<Exchange> http = ctx.retrieval.httpChain();
    Findings f = ctx.findings;
    if (http.size() > 1 && "https".equals(http.get(http.size() - 1).url().getScheme())) {
      Exchange first = http.get(0);
      if (first.status() == 302 || first.status() == 303 || first.status() == 307) {
        f.add(
            "redirect-temporary",
            Severity.LOW,
            "http redirects to https with a temporary status ("
                + first.status()
                + "); browsers and caches do not remember it",
            first.head(),
            "redirect");
      }
      Exchange hostile = ctx.trySend(Request.get(first.url()).hostHeader(HOSTILE_HOST));
      String location = hostile == null ? null : hostile.headers().first("location");
      if (location != null && location.toLowerCase(Locale.ROOT).contains(HOSTILE_HOST)) {
        f.add(
            "redirect-host-injection",
            Severity.HIGH,
            "The http redirect follows a hostile Host header: an open redirect and cache-poisoning vector",
            "Host: " + HOSTILE_HOST + " -> Location: " + location,
            "redirect");
      }
    }
    Exchange https = ctx.retrieval.endsOnHttps() ? ctx.retrieval.auto() : null;
    String hsts = https == null ? null : https.headers().combined("strict-transport-security");
    if (hsts != null) {
      String v = hsts.toLowerCase(Locale.ROOT);
      long maxAge = maxAge(v);
      if (maxAge >= 0 && maxAge < 31536000) {
        f.add(
            "hsts-short-max-age",
            Severity.LOW,
            "HSTS max-age is under a year (" + maxAge + " s)",
            "Strict-Transport-Security: " + hsts,
            "hsts");
      }
      if (!v.contains("includesubdomains")) {
        f.add(
            "hsts-no-include-subdomains",
            Severity.LOW,
            "HSTS lacks includeSubDomains: subdomains can be downgraded",
            "Strict-Transport-Security: " + hsts,
            "hsts");
      }
      if (!v.contains("preload") || maxAge < 31536000 || !v.contains("includesubdomains")) {
        f.add(
            "hsts-not-preload-ready",
            Severity.INFO,
            "HSTS is not ready for the preload list (max-age ≥ 1 year, "
                + "includeSubDomains, preload)",
            "Strict-Transport-Security: " + hsts,
            "hsts");
      }
    }
    if (http.size() > 1) {
      URI to = http.get(http.size() - 1).url();
      if ("https".equals(to.getScheme())
          && !to.getHost().equalsIgnoreCase(http.get(0).url().getHost())) {
        f.add(
            "redirect-off-host",
            Severity.LOW,
            "http redirects to another host before https",
            first(http),
            "redirect");
      }
    }
  }

  private static String first(List<Exchange> chain) {
    return chain.get(0).url() + " -> " + chain.get(chain.size() - 1).url();
  }

  private static long maxAge(String hsts) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("max-age\\s*=\\s*\"?(\\d{1,12})").matcher(hsts);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
