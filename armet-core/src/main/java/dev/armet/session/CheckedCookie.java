package dev.armet.session;

import org.jspecify.annotations.Nullable;

/** One session cookie value after the signature check (or a cache hit standing in for it). */
final class CheckedCookie {
  /** The store key; null when the signature did not verify. */
  final @Nullable String key;

  /** The session id; null on a cache hit (then no re-signing is needed) or a bad signature. */
  final byte @Nullable [] id;

  final boolean primaryKey;

  /** The verified-cookie cache key, or null when there is no cache (rolling sessions). */
  final VerifiedCookies.@Nullable Digest digest;

  CheckedCookie(
      @Nullable String key,
      byte @Nullable [] id,
      boolean primaryKey,
      VerifiedCookies.@Nullable Digest digest) {
    this.key = key;
    this.id = id;
    this.primaryKey = primaryKey;
    this.digest = digest;
  }

  boolean valid() {
    return key != null;
  }
}
