package dev.armet.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Store keys: {@code policy:key}, with long or unusual keys (API keys, free-form user input)
 * replaced by their SHA-256, so a key costs bounded memory and secrets never sit in a store or
 * a log in clear.
 */
final class RateLimitKeys {
  private static final int MAX_PLAIN = 100;

  private RateLimitKeys() {}

  /** {@code prefix} is the policy name and ':'. */
  static String storeKey(String prefix, String key) {
    return prefix.concat(isPlain(key) ? key : "#" + sha256(key));
  }

  private static boolean isPlain(String key) {
    if (key.length() > MAX_PLAIN) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  static String sha256(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(64);
      for (byte b : d) {
        out.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
