package dev.armet.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Session cookies whose signature was already checked, so that a session's cookie is verified once,
 * not on every request (issue 18). Bounded; keyed by HMAC-SHA256, under a random key made per
 * instance, of the cookie's name and value: the map never holds a cookie value or a session id, and
 * a heap dump of it cannot be replayed. Lookups compare the 32-byte digests in constant time. An
 * entry says only "this exact cookie was signed by the primary key for this store key"; whether the
 * session still exists is asked of the store on every request, so a session that was logged out,
 * regenerated or ended elsewhere is refused whatever this cache holds.
 *
 * <p>A lookup ({@link #find}) hashes into a per-thread digest that is never stored, and an entry
 * holds the immutable {@link CheckedCookie} a hit answers with: a known cookie costs no allocation
 * (the HMAC is {@link HmacSha256}, which, unlike the JDK's {@code Mac}, writes its inner digest to
 * an array it owns).
 */
final class VerifiedCookies {
  /** Entries kept before the map is emptied and refilled (a cheap, bounded policy). */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final HmacSha256 prototype;

  /** One keyed HMAC and input buffer per thread, reused (no copy of the cookie per request). */
  private final ThreadLocal<Hasher> hashers;

  private final ConcurrentHashMap<Digest, CheckedCookie> entries = new ConcurrentHashMap<>();
  private final int maxEntries;

  VerifiedCookies(int maxEntries) {
    this.maxEntries = maxEntries;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    prototype = new HmacSha256(key);
    Arrays.fill(key, (byte) 0); // kept only as the HMAC's pads
    hashers = ThreadLocal.withInitial(() -> new Hasher(prototype.copy()));
  }

  /** The cache key of cookie {@code name} with {@code value}, a new object. */
  Digest digest(String name, CharSequence value) {
    return hashers.get().digest(name, value).copy();
  }

  /**
   * The check of cookie {@code name} with {@code value} remembered from before (a valid cookie
   * signed by the primary key, no session id needed), or null. Allocates nothing.
   */
  @Nullable CheckedCookie find(String name, CharSequence value) {
    // The probe is this thread's and is only read by the map during this call: never stored.
    return entries.get(hashers.get().digest(name, value));
  }

  /** As {@link #find(String, CharSequence)} for the value {@code text[from, to)}, read in place. */
  @Nullable CheckedCookie find(String name, String text, int from, int to) {
    return entries.get(hashers.get().digest(name, text, from, to));
  }

  /** Remembers that cookie {@code name} with {@code value}, signed by the primary key, is valid. */
  void put(String name, CharSequence value, String storeKey) {
    put(digest(name, value), storeKey);
  }

  /** Forgets cookie {@code name} with {@code value} (its session is gone). */
  void remove(String name, CharSequence value) {
    entries.remove(hashers.get().digest(name, value));
  }

  /** The store key of a cookie verified before, or null. */
  @Nullable String get(Digest digest) {
    CheckedCookie known = entries.get(digest);
    return known == null ? null : known.key;
  }

  void put(Digest digest, String storeKey) {
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(digest, new CheckedCookie(storeKey, null, true));
  }

  int size() {
    return entries.size();
  }

  /**
   * Feeds a name and a value to the HMAC through a small buffer: the name's length first, so that
   * no name/value pair can spell another's input, then every char as one byte when ASCII, else as
   * 0xFF and its two bytes (an injective encoding: ASCII bytes are below 0x80).
   */
  private static final class Hasher {
    private final HmacSha256 mac;
    private final byte[] buffer = new byte[256];
    private final Digest probe = new Digest(new byte[HmacSha256.LENGTH]);
    private int used;

    Hasher(HmacSha256 mac) {
      this.mac = mac;
    }

    /**
     * This thread's probe, holding the digest of {@code name} and {@code value} until next call.
     */
    Digest digest(String name, CharSequence value) {
      return digest(name, value, 0, value.length());
    }

    /** As {@link #digest(String, CharSequence)} for {@code value[from, to)}. */
    Digest digest(String name, CharSequence value, int from, int to) {
      int n = name.length();
      buffer[0] = (byte) (n >>> 24);
      buffer[1] = (byte) (n >>> 16);
      buffer[2] = (byte) (n >>> 8);
      buffer[3] = (byte) n;
      used = 4;
      feed(name, 0, n);
      feed(value, from, to);
      mac.update(buffer, 0, used);
      used = 0;
      Arrays.fill(buffer, (byte) 0); // the buffer held the cookie: keep no copy of it
      mac.doFinal(probe.bytes, 0); // and the HMAC is keyed and empty again
      probe.rehash();
      return probe;
    }

    private void feed(CharSequence s, int from, int to) {
      for (int i = from; i < to; i++) {
        if (used > buffer.length - 3) {
          mac.update(buffer, 0, used);
          used = 0;
        }
        char c = s.charAt(i);
        if (c < 0x80) {
          buffer[used++] = (byte) c;
        } else {
          buffer[used++] = (byte) 0xFF;
          buffer[used++] = (byte) (c >>> 8);
          buffer[used++] = (byte) c;
        }
      }
    }
  }

  /**
   * A keyed digest; equality is constant-time. A thread's probe is rewritten in place; every digest
   * the map holds is a {@link #copy()} that nothing changes.
   */
  static final class Digest {
    private final byte[] bytes;
    private int hash;

    Digest(byte[] bytes) {
      this.bytes = bytes;
      rehash();
    }

    private void rehash() {
      hash = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | bytes[3] << 24;
    }

    Digest copy() {
      return new Digest(bytes.clone());
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Digest && MessageDigest.isEqual(bytes, ((Digest) o).bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
