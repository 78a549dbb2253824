package dev.armet.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Encoding helpers shared by {@link TokenSigner} and {@link TokenSealer}. */
final class TokenFormat {
  /** Longer tokens are refused before any decoding or crypto; cookies are under 4 KiB anyway. */
  static final int MAX_TOKEN_CHARS = 8192;

  static final int KEY_ID_CHARS = 4;
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private TokenFormat() {}

  /** Length-prefixed context so that ("ab","c") and ("a","bc") can never collide. */
  static byte[] bind(String context, String keyId) {
    byte[] c = context.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + c.length + KEY_ID_CHARS)
        .putInt(c.length)
        .put(c)
        .put(keyId.getBytes(StandardCharsets.US_ASCII))
        .array();
  }

  /** Strict base64url without padding; null for anything else. */
  static byte @Nullable [] decode(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return null;
      }
    }
    if ((to - from) % 4 == 1) {
      return null;
    }
    try {
      return B64D.decode(s.substring(from, to));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
