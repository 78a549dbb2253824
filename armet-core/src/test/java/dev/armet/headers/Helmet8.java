package dev.armet.headers;

import java.util.Map;

/**
 * What Helmet 8 sends with no options, byte for byte: the header set Armet's defaults must match
 * over HTTPS (plus {@code Permissions-Policy}). In armet-core's test-jar, so the core, servlet and
 * server tests check one list. Names are in their canonical case; {@code java.net.http} header
 * look-ups ignore case.
 */
public final class Helmet8 {
  public static final Map<String, String> HEADERS =
      Map.ofEntries(
          Map.entry(
              "Content-Security-Policy",
              "default-src 'self';base-uri 'self';font-src 'self' https: data:;"
                  + "form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';"
                  + "script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';"
                  + "upgrade-insecure-requests"),
          Map.entry("Cross-Origin-Opener-Policy", "same-origin"),
          Map.entry("Cross-Origin-Resource-Policy", "same-origin"),
          Map.entry("Origin-Agent-Cluster", "?1"),
          Map.entry("Referrer-Policy", "no-referrer"),
          Map.entry("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
          Map.entry("X-Content-Type-Options", "nosniff"),
          Map.entry("X-DNS-Prefetch-Control", "off"),
          Map.entry("X-Download-Options", "noopen"),
          Map.entry("X-Frame-Options", "SAMEORIGIN"),
          Map.entry("X-Permitted-Cross-Domain-Policies", "none"),
          Map.entry("X-XSS-Protection", "0"));

  private Helmet8() {}
}
