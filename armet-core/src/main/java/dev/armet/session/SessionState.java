package dev.armet.session;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a {@link Sessions} implementation found for the request's cookie. */
final class SessionState {
  final @Nullable String key;

  /** The session id; null when a cached verification stood in for the signature check. */
  final byte @Nullable [] id;

  final @Nullable String userId;
  final Instant createdAt;
  final Instant expiresAt;
  final long version;
  final Map<String, Object> attributes;
  final boolean primaryKey;

  SessionState(
      @Nullable String key,
      byte @Nullable [] id,
      @Nullable String userId,
      Instant createdAt,
      Instant expiresAt,
      long version,
      Map<String, Object> attributes,
      boolean primaryKey) {
    this.key = key;
    this.id = id;
    this.userId = userId;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.version = version;
    this.attributes = attributes;
    this.primaryKey = primaryKey;
  }
}
