package dev.armet.redis;

import dev.armet.spi.LimitState;
import java.nio.charset.StandardCharsets;

/**
 * The text form the Lua script keeps a {@link LimitState} in: {@code "1:a:b:blockedUntil"}, the
 * leading 1 being the format version. Text rather than core's binary encoding because Lua has no
 * 64-bit integers; the script computes in doubles, exact for any time before the year 2255.
 */
final class ScriptState {
  private ScriptState() {}

  /** The state, or null for absent or a format this version does not know. */
  static LimitState parse(String text) {
    return text == null ? null : parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The state from the reply's bytes as Redis sent them (no String made: this runs on every
   * decision), or null for absent or a format this version does not know.
   */
  static LimitState parse(byte[] text) {
    if (text == null || text.length < 2 || text[0] != '1' || text[1] != ':') {
      return null;
    }
    long[] fields = new long[3];
    int from = 2;
    for (int i = 0; i < 3; i++) {
      int to = i < 2 ? indexOf(text, from) : text.length;
      if (to < 0) {
        return null;
      }
      Long value = number(text, from, to);
      if (value == null) {
        return null; // not the script's writing: treat as absent, as LimitState.decode does
      }
      fields[i] = value;
      from = to + 1;
    }
    return LimitState.of(fields[0], fields[1], fields[2]);
  }

  private static int indexOf(byte[] text, int from) {
    for (int i = from; i < text.length; i++) {
      if (text[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  /**
   * A decimal integer as {@link Long#parseLong} reads it (an optional sign, then digits), or null.
   * Lua saturates at 2^63 as a double, one past Long.MAX_VALUE: unsigned digits past it clamp as
   * Java's add() does; anything else out of range is not the script's writing.
   */
  private static Long number(byte[] text, int from, int to) {
    boolean negative = from < to && text[from] == '-';
    int at = from < to && (text[from] == '-' || text[from] == '+') ? from + 1 : from;
    if (at == to) {
      return null;
    }
    long value = 0;
    boolean overflow = false;
    for (int i = at; i < to; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      if (!overflow) {
        try {
          value = Math.addExact(Math.multiplyExact(value, 10), negative ? -digit : digit);
        } catch (ArithmeticException e) {
          overflow = true;
        }
      }
    }
    if (overflow) {
      boolean unsigned = text[from] != '-' && text[from] != '+';
      return unsigned && to - at >= 19 ? Long.MAX_VALUE : null;
    }
    return value;
  }
}
