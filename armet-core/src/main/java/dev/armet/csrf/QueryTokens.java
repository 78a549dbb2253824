package dev.armet.csrf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Finds a CSRF token in a query string. Tokens in URLs leak into access logs, browser history
 * and {@code Referer}, so they are refused by default (OWASP CSRF Prevention Cheat Sheet,
 * "Synchronizer Token Pattern"). Names are percent-decoded as the container decodes them, so
 * {@code %5Fcsrf} is found too.
 */
final class QueryTokens {
  private QueryTokens() {}

  static boolean contains(String query, String name) {
    if (query == null || query.isEmpty()) {
      return false;
    }
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      int eq = query.indexOf('=', start);
      String raw = query.substring(start, eq >= start && eq < end ? eq : end);
      if (decode(raw).equals(name)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw; // malformed escapes: compare as sent, which a container would refuse anyway
    }
  }
}
