package dev.armet.spi;

/**
 * A shared backend for sessions and rate limits, opened from one store URI: what {@code
 * RedisStores} and {@code JdbcStores} have in common, so that a caller (the {@code armet} command,
 * a health endpoint) holds any of them without knowing which.
 *
 * <pre>{@code
 * try (Stores stores = RedisStores.open("redis://127.0.0.1:6379/0")) {
 *   stores.checkHealth();
 *   ServerSessions sessions = ServerSessions.create(s -> s.store(stores.sessions()).keyring(keys));
 * }
 * }</pre>
 */
public interface Stores extends AutoCloseable {
  /** The session store; valid until {@link #close()}. */
  SessionStore sessions();

  /** The rate-limit store; valid until {@link #close()}. */
  RateLimitStore rateLimits();

  /**
   * The records and leases instances share (the ACME certificate and its order lock), when this
   * store is shared by several instances (Redis, PostgreSQL, MariaDB); empty for an embedded one,
   * whose instance keeps such things in its data folder.
   */
  default java.util.Optional<SharedRecordStore> sharedRecords() {
    return java.util.Optional.empty();
  }

  /**
   * What this is, for logs and {@code armet doctor}: the kind and the URI with any password masked,
   * e.g. {@code redis redis://127.0.0.1:6379/0}. Never a secret.
   */
  String description();

  /**
   * Asks the backing service to answer now (Redis {@code PING}, a JDBC validity check), within the
   * store's own timeout.
   *
   * @throws RuntimeException (the store's own exception type) if it does not answer; the message
   *     never holds a password
   */
  void checkHealth();

  /** Releases connections and background tasks; the stores fail afterwards. */
  @Override
  void close();
}
