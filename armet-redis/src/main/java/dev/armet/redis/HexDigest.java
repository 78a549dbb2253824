package dev.armet.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of UTF-8 text in lower-case hex: the form Redis names scripts by (SHA-1) and the user
 * index keys are named by (SHA-256). Both forms are persisted names; they must not change.
 */
final class HexDigest {
  private HexDigest() {}

  /** {@code algorithm} is one every Java platform provides ({@code SHA-1}, {@code SHA-256}). */
  static String of(String algorithm, String text) {
    try {
      byte[] d = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by the Java platform", e);
    }
  }
}
