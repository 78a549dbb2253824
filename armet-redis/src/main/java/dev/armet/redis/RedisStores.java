package dev.armet.redis;

import dev.armet.internal.env.MaskedUri;
import dev.armet.spi.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sessions and rate limits in one Redis, from a store URI: {@code
 * redis://[user:password@]host:port/db}, {@code rediss://…} (TLS), {@code
 * redis-sentinel://host:26379/0#mymaster}, or {@code redis-cluster://host:port} (Cluster, seed
 * node). Instances given the same URI and key prefix share sessions, lockouts and counters. Opening
 * connects at once and fails with the URI (password masked) if Redis is not there; later outages
 * are survived and recovered from. {@code rediss://} verifies the server's certificate against the
 * JVM's trust store (Lettuce's {@code ?verifyPeer=NONE} turns that off: for tests only).
 *
 * <p>On Linux x86_64, put Netty's native epoll transport on the class path ({@code
 * io.netty:netty-transport-native-epoll}, classifier {@code linux-x86_64}, the version of the Netty
 * Lettuce brings): Lettuce then uses it by itself instead of Java NIO, with fewer write calls per
 * command (armet-bench's Redis target runs on it). Without it, or where it does not load, Lettuce
 * stays on NIO: same behaviour, a little more CPU per request.
 *
 * <pre>{@code
 * try (RedisStores redis = RedisStores.open("redis://127.0.0.1:6379/0")) {
 *   ServerSessions sessions = ServerSessions.create(s -> s.store(redis.sessions()).keyring(keys));
 *   RateLimiter limiter = RateLimiter.builder(policy).store(redis.rateLimits()).build();
 * }
 * }</pre>
 */
public final class RedisStores implements Stores {
  /** Whose clock decides rate limits. */
  public enum DecisionTime {
    /** Redis {@code TIME}: instance clocks do not matter (the default). */
    REDIS,
    /** The limiter's clock, carried by each command: for tests on a controlled clock. */
    CALLER
  }

  private static final java.util.regex.Pattern SCHEMES =
      java.util.regex.Pattern.compile("(redis|rediss)(-sentinel|-cluster)?://");

  private final RedisConnection connection;
  private final String description;
  private final RedisSessionStore sessions;
  private final RedisRateLimitStore rateLimits;
  private final RedisSharedRecords sharedRecords;

  private RedisStores(Builder b) {
    this.connection =
        b.client != null
            ? RedisConnection.on(b.client, b.commandTimeout)
            : RedisConnection.open(b.uri, b.commandTimeout);
    this.description =
        b.client != null ? "redis (the application's client)" : "redis " + MaskedUri.of(b.uri);
    this.sessions = new RedisSessionStore(connection, b.keyPrefix, b.sessionClock);
    this.rateLimits =
        new RedisRateLimitStore(
            connection,
            b.keyPrefix,
            b.decisionTime == DecisionTime.REDIS,
            b.blockedKeyCache,
            sessions);
    this.sharedRecords = new RedisSharedRecords(connection.commands(), b.keyPrefix);
  }

  /** Whether {@code uri} names a Redis store (so a caller can pick this module or armet-jdbc). */
  public static boolean accepts(String uri) {
    return uri != null && SCHEMES.matcher(uri).lookingAt();
  }

  /** Connects with every default: prefix {@code armet:}, 1 s command timeout, Redis time. */
  public static RedisStores open(String uri) {
    return builder(uri).build();
  }

  public static RedisStores open(String uri, Consumer<Builder> config) {
    Builder b = builder(uri);
    config.accept(b);
    return b.build();
  }

  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /**
   * Stores on a Lettuce client the application already has (e.g. Spring Data Redis's {@code
   * LettuceConnectionFactory.getNativeClient()}): one more multiplexed connection on its event
   * loops, no second client. {@link #close()} closes that connection only.
   */
  public static Builder builder(io.lettuce.core.RedisClient client) {
    return new Builder(java.util.Objects.requireNonNull(client, "client"));
  }

  @Override
  public RedisSessionStore sessions() {
    return sessions;
  }

  @Override
  public RedisRateLimitStore rateLimits() {
    return rateLimits;
  }

  /**
   * The ACME certificate, its account and the order lock, shared by every instance on this Redis.
   */
  @Override
  public java.util.Optional<dev.armet.spi.SharedRecordStore> sharedRecords() {
    return java.util.Optional.of(sharedRecords);
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * Sends {@code PING}.
   *
   * @throws RedisStoreException if Redis does not answer within the command timeout
   */
  @Override
  public void checkHealth() {
    try {
      connection.commands().ping();
    } catch (RuntimeException e) {
      throw new RedisStoreException("ping", e);
    }
  }

  /** The connection, for this package's tests (round-trip counting, fault injection). */
  RedisConnection connectionForTests() {
    return connection;
  }

  /** Closes the connection; the stores fail afterwards. */
  @Override
  public void close() {
    connection.close();
  }

  /** Validating builder; {@link #build()} connects. */
  public static final class Builder {
    private final String uri;
    private final io.lettuce.core.RedisClient client;
    private String keyPrefix = "armet:";
    private Duration commandTimeout = Duration.ofSeconds(1);
    private DecisionTime decisionTime = DecisionTime.REDIS;
    private Clock sessionClock = Clock.systemUTC();
    private int blockedKeyCache = 10_000;

    private Builder(String uri) {
      Objects.requireNonNull(uri, "uri");
      if (!accepts(uri)) {
        throw new IllegalArgumentException(
            "Redis store URI must start with redis://, rediss://, "
                + "redis-sentinel:// or redis-cluster://, was "
                + MaskedUri.of(uri));
      }
      this.uri = uri;
      this.client = null;
    }

    private Builder(io.lettuce.core.RedisClient client) {
      this.uri = null;
      this.client = client;
    }

    /** Prefix of every key (default {@code armet:}), so several applications can share a Redis. */
    public Builder keyPrefix(String prefix) {
      if (prefix == null
          || prefix.isEmpty()
          || prefix.length() > 64
          || prefix.contains("{")
          || prefix.contains("}")) {
        throw new IllegalArgumentException(
            "keyPrefix must be 1 to 64 characters without '{' or '}'"
                + " (they would change Cluster hash tags), was "
                + prefix);
      }
      this.keyPrefix = prefix;
      return this;
    }

    /** Longest wait for any command (default 1 s); then the failure policy applies. */
    public Builder commandTimeout(Duration timeout) {
      if (timeout == null
          || timeout.toMillis() < 10
          || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException(
            "commandTimeout must be between 10ms and 30s, was " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    public Builder decisionTime(DecisionTime time) {
      this.decisionTime = Objects.requireNonNull(time, "decisionTime");
      return this;
    }

    /** The clock session expiry is checked against (default UTC system clock). */
    public Builder sessionClock(Clock clock) {
      this.sessionClock = Objects.requireNonNull(clock, "sessionClock");
      return this;
    }

    /** Most keys kept in the in-process blocked-key cache (default 10,000; 0 turns it off). */
    public Builder blockedKeyCache(int maxKeys) {
      if (maxKeys < 0 || maxKeys > 10_000_000) {
        throw new IllegalArgumentException(
            "blockedKeyCache must be between 0 and 10000000, was " + maxKeys);
      }
      this.blockedKeyCache = maxKeys;
      return this;
    }

    public RedisStores build() {
      return new RedisStores(this);
    }
  }
}
