package dev.armet.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Session cookies whose signature was already checked, so that a session's cookie is verified once,
 * not on every request (issue 18). Bounded; keyed by HMAC-SHA256, under a random key made per
 * instance, of the cookie's name and value: the map never holds a cookie value or a session id, and
 * a heap dump of it cannot be replayed. Lookups compare the 32-byte digests in constant time. An
 * entry says only "this exact cookie was signed by the primary key for this store key"; whether the
 * session still exists is asked of the store on every request, so a session that was logged out,
 * regenerated or ended elsewhere is refused whatever this cache holds.
 */
final class VerifiedCookies {
  /** Entries kept before the map is emptied and refilled (a cheap, bounded policy). */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final Mac prototype;
  private final ThreadLocal<Mac> macs;
  private final ConcurrentHashMap<Digest, String> entries = new ConcurrentHashMap<>();
  private final int maxEntries;

  VerifiedCookies(int maxEntries) {
    this.maxEntries = maxEntries;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      prototype = Mac.getInstance("HmacSHA256");
      prototype.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
    macs = ThreadLocal.withInitial(this::copy);
  }

  /** The cache key of cookie {@code name} with {@code value}. */
  Digest digest(String name, String value) {
    Mac mac = macs.get();
    mac.update(name.getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 0); // no name/value pair can spell another's input
    mac.update(value.getBytes(StandardCharsets.US_ASCII));
    return new Digest(mac.doFinal());
  }

  /** The store key of a cookie verified before, or null. */
  @Nullable String get(Digest digest) {
    return entries.get(digest);
  }

  void put(Digest digest, String storeKey) {
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(digest, storeKey);
  }

  void remove(Digest digest) {
    entries.remove(digest);
  }

  int size() {
    return entries.size();
  }

  private Mac copy() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's HmacSHA256 cannot be cloned", e);
    }
  }

  /** A keyed digest; equality is constant-time. */
  static final class Digest {
    private final byte[] bytes;
    private final int hash;

    Digest(byte[] bytes) {
      this.bytes = bytes;
      this.hash =
          (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | bytes[3] << 24;
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
