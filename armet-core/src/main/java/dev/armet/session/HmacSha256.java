package dev.armet.session;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256, writing every digest into arrays it owns: the
 * JDK's {@code Mac} makes a new array for its inner digest on every {@code doFinal}, and the
 * verified-cookie cache hashes once per request (issue 18). Equal to {@code Mac("HmacSHA256")} for
 * every key and input ({@code HmacSha256Test}, RFC 4231 and random cases). One per thread: not
 * thread-safe; {@link #copy()} gives another thread its own, under the same key.
 */
final class HmacSha256 {
  static final int LENGTH = 32;
  private static final int BLOCK = 64;

  /** The key, padded to a block, XORed with 0x36 and with 0x5c: read only, shared by copies. */
  private final byte[] innerPad;

  private final byte[] outerPad;
  private final MessageDigest sha;

  /** The inner digest: derived from the input, so wiped after each use. */
  private final byte[] inner = new byte[LENGTH];

  /**
   * Keys a new instance; {@code key} is not kept (the caller may wipe it). A key longer than a
   * block is hashed first, as RFC 2104 says.
   */
  HmacSha256(byte[] key) {
    this(pads(key));
  }

  private HmacSha256(byte[][] pads) {
    this.innerPad = pads[0];
    this.outerPad = pads[1];
    this.sha = sha256();
    sha.update(innerPad); // keyed and empty: ready for the first input
  }

  /** Another instance under the same key, for another thread. */
  HmacSha256 copy() {
    return new HmacSha256(new byte[][] {innerPad, outerPad});
  }

  void update(byte[] input, int offset, int length) {
    sha.update(input, offset, length);
  }

  /**
   * Writes the MAC of the input so far to {@code out[offset..offset+32)}; keyed and empty again.
   */
  void doFinal(byte[] out, int offset) {
    try {
      sha.digest(inner, 0, LENGTH);
      sha.update(outerPad);
      sha.update(inner);
      sha.digest(out, offset, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 is 32 bytes", e);
    } finally {
      Arrays.fill(inner, (byte) 0);
      sha.reset();
      sha.update(innerPad);
    }
  }

  private static byte[][] pads(byte[] key) {
    boolean hashed = key.length > BLOCK;
    byte[] k = hashed ? sha256().digest(key) : key;
    byte[] in = new byte[BLOCK];
    byte[] out = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      in[i] = (byte) (b ^ 0x36);
      out[i] = (byte) (b ^ 0x5c);
    }
    if (hashed) {
      Arrays.fill(k, (byte) 0);
    }
    return new byte[][] {in, out};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
  }
}
