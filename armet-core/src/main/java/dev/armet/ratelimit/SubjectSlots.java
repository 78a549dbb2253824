package dev.armet.ratelimit;

import dev.armet.keys.KeyedHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where the in-memory store keeps a subject: two longs, the 128-bit SipHash-2-4 ({@link SipHash})
 * of the subject's UTF-8 bytes (the bytes {@link KeyedHash} names) under a 128-bit key, instead of
 * a text name (issue 18). The store, in this process, never holds the subject; without the key,
 * nobody can choose subjects that crowd one chain of its table (hash flooding), nor map a slot back
 * to a subject; two subjects share a slot only by a 2<sup>-128</sup> collision. Computing it reads
 * an ASCII subject in place (no copy, no text, no array) and costs a few tens of nanoseconds where
 * the keyed name costs an HMAC-SHA256, two arrays and two strings.
 *
 * <p>Only for the in-memory store reached directly: a shared store (Redis, SQL), or any store
 * behind the SPI, keeps the subject's keyed name ({@code policy:name}), whose format is persisted.
 */
final class SubjectSlots {
  /** What the key is derived under: the keyring's HMAC of this label, under its own purpose. */
  static final String PURPOSE = "rate-limit-subject-slot";

  private static final String LABEL = "siphash-2-4-128 key";

  /** One hasher per thread; its answer is read at once by the caller on that thread. */
  private static final ThreadLocal<SipHash> HASHER = ThreadLocal.withInitial(SipHash::new);

  private final long k0;
  private final long k1;

  private SubjectSlots(byte[] key) {
    this.k0 = littleEndian(key, 0);
    this.k1 = littleEndian(key, 8);
    Arrays.fill(key, (byte) 0);
  }

  /**
   * Under a key derived once from {@code names} (a keyed hash under {@link #PURPOSE} of the
   * limiter's keyring): limiters built from the same keyring share slots, as they share names.
   */
  static SubjectSlots derivedFrom(KeyedHash names) {
    return new SubjectSlots(Base64.getUrlDecoder().decode(names.hash(LABEL)));
  }

  /** Under a random key (the store's own, for text keys that come through the SPI). */
  static SubjectSlots random() {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    return new SubjectSlots(key);
  }

  /**
   * The slot of {@code subject}: read {@link SipHash#hi()} and {@link SipHash#lo()} from the answer
   * at once, before this thread asks again.
   */
  SipHash of(String subject) {
    SipHash h = HASHER.get();
    if (!h.hash128Ascii(k0, k1, subject)) {
      byte[] utf8 = subject.getBytes(StandardCharsets.UTF_8); // as KeyedHash encodes it
      h.hash128(k0, k1, utf8, 0, utf8.length);
      Arrays.fill(utf8, (byte) 0); // the subject may be a secret: keep no copy of it
    }
    return h;
  }

  private static long littleEndian(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  @Override
  public String toString() {
    return "SubjectSlots[redacted]";
  }
}
