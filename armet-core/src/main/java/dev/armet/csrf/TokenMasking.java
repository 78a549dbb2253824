package dev.armet.csrf;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Masks a 32-byte secret as {@code pad || (pad XOR secret)}, base64url: 86 characters, different on
 * every call, so a compression side channel (BREACH) that needs the same bytes on every response
 * learns nothing, while every masked form still verifies. Verification unmasks and compares in
 * constant time.
 */
final class TokenMasking {
  static final int SECRET_BYTES = 32;
  static final int TOKEN_CHARS = 86;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private TokenMasking() {}

  static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  static String mask(byte[] secret) {
    byte[] out = new byte[2 * SECRET_BYTES];
    RANDOM.nextBytes(out); // the first half is the pad; the second half is overwritten
    for (int i = 0; i < SECRET_BYTES; i++) {
      out[SECRET_BYTES + i] = (byte) (out[i] ^ secret[i]);
    }
    return ENCODER.encodeToString(out);
  }

  /** Whether {@code token} is a masked form of {@code secret}; never throws on client input. */
  static boolean matches(@Nullable String token, byte @Nullable [] secret) {
    byte[] raw = decode(token, 2 * SECRET_BYTES);
    if (raw == null || secret == null || secret.length != SECRET_BYTES) {
      return false;
    }
    byte[] unmasked = new byte[SECRET_BYTES];
    for (int i = 0; i < SECRET_BYTES; i++) {
      unmasked[i] = (byte) (raw[i] ^ raw[SECRET_BYTES + i]);
    }
    return MessageDigest.isEqual(unmasked, secret);
  }

  /** Strict base64url of exactly {@code bytes} bytes, or null. */
  static byte @Nullable [] decode(@Nullable String text, int bytes) {
    if (text == null || text.length() != (bytes * 4 + 2) / 3) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_')) {
        return null;
      }
    }
    byte[] out = DECODER.decode(text);
    return out.length == bytes ? out : null;
  }

  static String encode(byte @Nullable [] bytes) {
    return ENCODER.encodeToString(bytes);
  }
}
