package dev.armet.redis;

import dev.armet.ratelimit.LimitState;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * The text form the Lua script keeps a {@link LimitState} in: {@code "1:a:b:blockedUntil"}, the
 * leading 1 being the format version. Text rather than core's binary encoding because Lua has no
 * 64-bit integers; the script computes in doubles, exact for any time before the year 2255.
 */
final class ScriptState {
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private ScriptState() {}

  /** The state, or null for absent or a format this version does not know. */
  static LimitState parse(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(":", -1);
    if (parts.length != 4 || !parts[0].equals("1")) {
      return null;
    }
    try {
      ByteBuffer bytes = ByteBuffer.allocate(25).put(LimitState.VERSION);
      for (int i = 1; i < 4; i++) {
        bytes.putLong(clamp(new BigInteger(parts[i])));
      }
      return LimitState.decode(bytes.array());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Lua saturates at 2^63 as a double, one past Long.MAX_VALUE: clamp as Java's add() does. */
  private static long clamp(BigInteger v) {
    return v.max(MIN).min(MAX).longValue();
  }
}
