package dev.armet.csrf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Finds a CSRF token in a query string. Tokens in URLs leak into access logs, browser history and
 * {@code Referer}, so they are refused by default (OWASP CSRF Prevention Cheat Sheet, "Synchronizer
 * Token Pattern"). Names are percent-decoded as the container decodes them, so {@code %5Fcsrf} is
 * found too. One pass: each character is read a bounded number of times, so the cost is linear in
 * the query's length whatever it holds (the attacker chooses it).
 */
final class QueryTokens {
  private QueryTokens() {}

  static boolean contains(@Nullable CharSequence query, String name) {
    if (query == null) {
      return false;
    }
    int n = query.length();
    int start = 0;
    while (start < n) {
      // The name runs to the first '=' or '&' of this parameter; the value to the next '&'.
      int i = start;
      boolean escaped = false;
      char c = 0;
      while (i < n && (c = query.charAt(i)) != '=' && c != '&') {
        escaped |= c == '%' || c == '+';
        i++;
      }
      if (matches(query, start, i, escaped, name)) {
        return true;
      }
      while (i < n && query.charAt(i) != '&') {
        i++;
      }
      start = i + 1;
    }
    return false;
  }

  private static boolean matches(
      CharSequence query, int start, int end, boolean escaped, String name) {
    if (!escaped) {
      return end - start == name.length() && name.contentEquals(query.subSequence(start, end));
    }
    // A percent escape decodes 3 characters to at least one byte: longer names cannot match.
    if (end - start > 3 * 4 * name.length()) {
      return false;
    }
    String raw = query.subSequence(start, end).toString();
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8).equals(name);
    } catch (IllegalArgumentException e) {
      return raw.equals(
          name); // malformed escapes: compare as sent, which a container would refuse anyway
    }
  }
}
