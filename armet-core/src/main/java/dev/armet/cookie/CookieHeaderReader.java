package dev.armet.cookie;

import java.util.List;

/** The lenient RFC 6265bis §5.4 pair splitter behind {@link RequestCookies}. */
final class CookieHeaderReader {
  private CookieHeaderReader() {}

  static void read(String header, List<String[]> out, int maxCookies) {
    int len = header.length();
    int start = 0;
    while (start < len && out.size() < maxCookies) {
      int end = header.indexOf(';', start);
      if (end < 0) {
        end = len;
      }
      pair(header, start, end, out);
      start = end + 1;
    }
  }

  private static void pair(String header, int from, int to, List<String[]> out) {
    int eq = header.indexOf('=', from);
    if (eq < 0 || eq >= to) {
      return; // a pair without '=' names nothing we could look up
    }
    int ns = skipSpace(header, from, eq);
    int ne = trimSpace(header, ns, eq);
    if (ns == ne) {
      return;
    }
    int vs = skipSpace(header, eq + 1, to);
    int ve = trimSpace(header, vs, to);
    if (ve - vs >= 2 && header.charAt(vs) == '"' && header.charAt(ve - 1) == '"') {
      vs++;
      ve--;
    }
    out.add(new String[] {header.substring(ns, ne), header.substring(vs, ve)});
  }

  private static int skipSpace(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimSpace(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }
}
