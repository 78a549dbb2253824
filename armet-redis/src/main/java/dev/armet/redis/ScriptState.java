package dev.armet.redis;

import dev.armet.spi.LimitState;

/**
 * The text form the Lua script keeps a {@link LimitState} in: {@code "1:a:b:blockedUntil"}, the
 * leading 1 being the format version. Text rather than core's binary encoding because Lua has no
 * 64-bit integers; the script computes in doubles, exact for any time before the year 2255.
 */
final class ScriptState {
  private ScriptState() {}

  /** The state, or null for absent or a format this version does not know. */
  static LimitState parse(String text) {
    if (text == null) {
      return null;
    }
    if (!text.startsWith("1:")) {
      return null;
    }
    long[] fields = new long[3];
    int from = 2;
    try {
      for (int i = 0; i < 3; i++) {
        int to = i < 2 ? text.indexOf(':', from) : text.length();
        if (to < 0) {
          return null;
        }
        fields[i] = number(text.substring(from, to));
        from = to + 1;
      }
    } catch (NumberFormatException e) {
      return null; // not the script's writing: treat as absent, as LimitState.decode does
    }
    return LimitState.of(fields[0], fields[1], fields[2]);
  }

  /** Lua saturates at 2^63 as a double, one past Long.MAX_VALUE: clamp as Java's add() does. */
  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      if (digits.matches("\\d{19,}")) {
        return Long.MAX_VALUE;
      }
      throw e;
    }
  }
}
