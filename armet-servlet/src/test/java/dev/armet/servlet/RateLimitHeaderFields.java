package dev.armet.servlet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses RateLimit / RateLimit-Policy values back (a strict subset of RFC 9651 lists; Token or
 * String names).
 */
final class RateLimitHeaderFields {
  private static final Pattern MEMBER =
      Pattern.compile("(?:\"([a-z0-9_.-]+)\"|([a-z][a-z0-9_.-]*))((?:;[a-z]+=[0-9]+)+)");
  private static final Pattern PARAM = Pattern.compile(";([a-z]+)=([0-9]+)");

  private RateLimitHeaderFields() {}

  /** policy name → (parameter → value); fails on anything not in the expected form. */
  static Map<String, Map<String, Long>> parse(String value) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String member : value.split(",")) {
      Matcher m = MEMBER.matcher(member.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a RateLimit list member: '" + member + "'");
      }
      Map<String, Long> params = new LinkedHashMap<>();
      Matcher p = PARAM.matcher(m.group(3));
      while (p.find()) {
        params.put(p.group(1), Long.parseLong(p.group(2)));
      }
      out.put(m.group(1) != null ? m.group(1) : m.group(2), params);
    }
    return out;
  }
}
