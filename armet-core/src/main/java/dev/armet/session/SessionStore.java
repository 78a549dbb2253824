package dev.armet.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where server-side sessions live. Kept small on purpose: Armet does ids, signing, expiry
 * rules, dirty tracking, merging and serialization once, in core; a store only keeps records
 * until their expiry. Keys are SHA-256 digests of session ids, never the ids themselves, so a
 * leaked store cannot be replayed as cookies.
 *
 * <p>Contract (checked by {@code SessionStoreContract} in armet-core's test-jar, which every store
 * runs): {@link #load} returns a record only before its {@link SessionRecord#expiresAt()}, with
 * the expiry the store currently holds (so a remote store answers in one round trip, e.g. a Redis
 * script returning the value and {@code PEXPIRETIME}); {@link #save} replaces the record and its
 * expiry; {@link #touch} moves only the expiry; deletes are idempotent. Methods are thread-safe.
 * A store that cannot answer throws; Armet then fails the request rather than treat the client as
 * anonymous.
 *
 * <pre>{@code
 * SessionConfig config = SessionConfig.create(s -> s.store(new RedisSessionStore(redis)));
 * }</pre>
 */
public interface SessionStore {
  /** The live record under {@code key}, if any. */
  Optional<SessionRecord> load(String key);

  /** Stores {@code record} until {@link SessionRecord#expiresAt()}, replacing any previous one. */
  void save(SessionRecord record);

  /** Moves the expiry of a live record to {@code expiresAt}; no effect if there is none. */
  void touch(String key, Instant expiresAt);

  /** Removes the record under {@code key}, if any. */
  void delete(String key);

  /** Removes every record whose {@link SessionRecord#userId()} is {@code userId}. */
  void deleteAllForUser(String userId);
}
