package dev.armet.session;

import org.jspecify.annotations.Nullable;

/**
 * One session cookie value after the signature check (or a cache hit standing in for it).
 * Immutable: the verified-cookie cache hands the same instance to every request with that cookie.
 */
final class CheckedCookie {
  /** The store key; null when the signature did not verify. */
  final @Nullable String key;

  /** The session id; null on a cache hit (then no re-signing is needed) or a bad signature. */
  final byte @Nullable [] id;

  final boolean primaryKey;

  CheckedCookie(@Nullable String key, byte @Nullable [] id, boolean primaryKey) {
    this.key = key;
    this.id = id;
    this.primaryKey = primaryKey;
  }

  boolean valid() {
    return key != null;
  }
}
