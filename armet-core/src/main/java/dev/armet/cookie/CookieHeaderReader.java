package dev.armet.cookie;

/** The lenient RFC 6265bis §5.4 pair splitter behind {@link RequestCookies}. */
final class CookieHeaderReader {
  private CookieHeaderReader() {}

  /**
   * Finds the name and value of the pair in {@code [from, to)} and writes their offsets at {@code
   * out[at..at+3]}; false for a pair that names nothing (no '=' or an empty name).
   */
  static boolean pair(String header, int from, int to, char[] out, int at) {
    // Search only inside the pair: a header of many '='-less pairs must stay linear.
    int eq = from;
    while (eq < to && header.charAt(eq) != '=') {
      eq++;
    }
    if (eq == to) {
      return false;
    }
    int ns = skipSpace(header, from, eq);
    int ne = trimSpace(header, ns, eq);
    if (ns == ne) {
      return false;
    }
    int vs = skipSpace(header, eq + 1, to);
    int ve = trimSpace(header, vs, to);
    if (ve - vs >= 2 && header.charAt(vs) == '"' && header.charAt(ve - 1) == '"') {
      vs++;
      ve--;
    }
    out[at] = (char) ns; // offsets in a header of at most 16 Ki chars: each fits a char
    out[at + 1] = (char) ne;
    out[at + 2] = (char) vs;
    out[at + 3] = (char) ve;
    return true;
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
