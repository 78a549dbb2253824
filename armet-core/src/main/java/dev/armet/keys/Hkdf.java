package dev.armet.keys;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), written on the JDK's HMAC. */
final class Hkdf {
  private static final int HASH_LEN = 32;

  private Hkdf() {}

  /** HKDF-Extract: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
  static byte[] extract(byte[] salt, byte[] ikm) {
    byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
    return hmac(key).doFinal(ikm);
  }

  /** HKDF-Expand: T(1) | T(2) | … truncated to {@code length} bytes (at most 255 blocks). */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("length must be in [1, 8160], was " + length);
    }
    Mac mac = hmac(prk);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      int n = Math.min(t.length, length - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
    }
    return out;
  }

  static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }
}
