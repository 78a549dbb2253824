package dev.armet.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where server-side sessions live. Kept small on purpose: Armet does ids, signing, expiry rules,
 * dirty tracking, merging, retries and serialization once, in core; a store only keeps versioned
 * records until their expiry. Keys are SHA-256 digests of session ids, never the ids themselves, so
 * a leaked store cannot be replayed as cookies.
 *
 * <p>Contract (checked by {@code SessionStoreContract} in armet-core's test-jar, which every store
 * runs): {@link #load} returns a record only before its {@link SessionRecord#expiresAt()}, with the
 * expiry and {@linkplain SessionRecord#version() version} the store currently holds (so a remote
 * store answers in one round trip, e.g. a Redis script returning the value and {@code
 * PEXPIRETIME}); {@link #save} is a compare-and-set, atomic in the store (one script, one
 * conditional statement): it writes only if the live record's version is the one given, or if there
 * is no live record and {@link #ABSENT} is given. A deleted or expired record is absent, so after
 * {@link #delete} or {@link #deleteAllForUser} no save that read the old record can bring it back.
 * {@link #touch} moves only the expiry (it neither checks nor changes the version); deletes are
 * idempotent. Methods are thread-safe. A store that cannot answer throws; Armet then fails the
 * request rather than treat the client as anonymous.
 *
 * <pre>{@code
 * SessionRecord r = store.load(key).orElseThrow();
 * boolean written = store.save(changed.withVersion(r.version() + 1), r.version());
 * // false: another request wrote or deleted it meanwhile; re-read and merge, or give up
 * }</pre>
 */
public interface SessionStore {
  /** The expected version that means "only if no live record exists": a create. */
  long ABSENT = 0;

  /** The live record under {@code key}, with its stored version, if any. */
  Optional<SessionRecord> load(String key);

  /**
   * The read {@link #load} would make, prepared but not sent, so that the rate-limit decision of
   * the same request can carry it ({@link RateLimitStore#execute(RateLimitCommand, SessionLoad)}).
   * The default reads when {@link SessionLoad#result()} is called.
   */
  default SessionLoad prepareLoad(String key) {
    return SessionLoad.deferred(this, key);
  }

  /**
   * Stores {@code record} (with its {@link SessionRecord#version()}) until {@link
   * SessionRecord#expiresAt()}, if and only if the live record under its key is at {@code
   * expectedVersion}, or no live record exists and {@code expectedVersion} is {@link #ABSENT}.
   * Check and write are one atomic step.
   *
   * @return whether the record was written; false means a concurrent write or delete won
   */
  boolean save(SessionRecord record, long expectedVersion);

  /** Moves the expiry of a live record to {@code expiresAt}; no effect if there is none. */
  void touch(String key, Instant expiresAt);

  /** Removes the record under {@code key}, if any. */
  void delete(String key);

  /**
   * Removes every record whose {@link SessionRecord#userId()} is {@code userId}; a conditional save
   * that read one of them before fails afterwards.
   */
  void deleteAllForUser(String userId);

  /**
   * The live records whose {@link SessionRecord#userId()} is {@code userId}, in no particular
   * order: what an "active sessions" page lists (each with its {@link SessionRecord#createdAt()},
   * expiry and key, the key being what {@link #delete} takes to revoke one). Read from the same
   * per-user index {@link #deleteAllForUser} uses; a record deleted or expired meanwhile may be
   * missing, never a record of another user.
   *
   * @throws UnsupportedOperationException if this store cannot enumerate a user's sessions (the
   *     default, for stores written before this method existed)
   */
  default List<SessionRecord> listForUser(String userId) {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " cannot list a user's sessions; implement SessionStore.listForUser");
  }
}
