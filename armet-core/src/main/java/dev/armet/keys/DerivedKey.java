package dev.armet.keys;

import java.nio.charset.StandardCharsets;

/** One secret, extracted once with HKDF; expands into per-purpose keys. */
final class DerivedKey {
  private static final byte[] SALT = "armet keyring v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] prk;
  final String keyId;

  DerivedKey(Secret secret) {
    this.prk = Hkdf.extract(SALT, secret.bytes());
    // The key id is a public label, derived one-way so it reveals nothing about the key.
    byte[] id = Hkdf.expand(prk, ascii("armet/key-id"), 3);
    this.keyId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** A 256-bit key for one algorithm and one purpose: keys never cross purposes. */
  byte[] expand(String algorithm, String purpose) {
    return Hkdf.expand(prk, (algorithm + "/" + purpose).getBytes(StandardCharsets.UTF_8), 32);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
