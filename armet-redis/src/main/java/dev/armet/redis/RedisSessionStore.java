package dev.armet.redis;

import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side sessions in Redis, one hash per session ({@code d}: the record's versioned JSON,
 * {@code e}: its expiry, {@code n}: its write version) under {@code prefix + "s:" + key}, expiring
 * with the session. One round trip per load (HMGET), one per save (a script that compares the
 * version and writes only if it is the one read, and maintains the user's index), and {@code touch}
 * moves the expiry only. A hash written before versions existed reads as version 1, and instances
 * of the previous release keep reading what this one writes (the JSON format is unchanged). "Log
 * out everywhere" deletes what the per-user index ({@code prefix + "u:" + sha256(userId)}) names.
 * The index's expiry only ever moves later, so it outlives every session it names. A failure throws
 * {@link RedisStoreException}: the request fails rather than being treated as anonymous.
 *
 * <p>In Cluster mode a session and its user's index live on different slots: a save first adds the
 * session to the index (a one-key script), then writes the session (the conditional script), so
 * every live session is indexed before it exists. "Log out everywhere" deletes each session the
 * index names and leaves the index itself to expire: a session indexed concurrently keeps its entry
 * for the next call, and a concurrent save of a deleted session fails its version check rather than
 * bring it back. Without Cluster both are one atomic script.
 */
public final class RedisSessionStore implements SessionStore {
  private static final LuaScript SAVE = LuaScript.load("session-save.lua");
  private static final LuaScript TOUCH = LuaScript.load("session-touch.lua");
  private static final LuaScript DELETE_USER = LuaScript.load("session-delete-user.lua");
  private static final LuaScript INDEX = LuaScript.load("session-index.lua");

  /** The fields a load reads: data, expiry, version. One array, never one per call. */
  private static final String[] FIELDS = {"d", "e", "n"};

  private final RedisClusterCommands<String, String> redis;
  private final RedisClusterAsyncCommands<String, String> async;
  private final long timeoutNanos;
  private final String prefix;
  private final Clock clock;
  private final boolean cluster;

  RedisSessionStore(RedisConnection connection, String prefix, Clock clock) {
    this.redis = connection.commands();
    this.async = connection.async();
    this.timeoutNanos = connection.timeout().toNanos();
    this.prefix = prefix;
    this.clock = clock;
    this.cluster = connection.cluster();
  }

  @Override
  public Optional<SessionRecord> load(String key) {
    List<KeyValue<String, String>> fields;
    try {
      fields = redis.hmget(sessionKey(key), FIELDS);
    } catch (RedisException e) {
      throw new RedisStoreException("session load", e);
    }
    return recordOf(key, fields);
  }

  /**
   * A read the rate-limit decision of the same request may carry: inside its script (standalone),
   * or pipelined just before it (Cluster). See {@link RedisRateLimitStore}.
   */
  @Override
  public SessionLoad prepareLoad(String key) {
    return new RedisSessionLoad(this, key);
  }

  /** Sends the HMGET of a load without waiting for it. */
  RedisFuture<List<KeyValue<String, String>>> sendLoad(String key) {
    return async.hmget(sessionKey(key), FIELDS);
  }

  long timeoutNanos() {
    return timeoutNanos;
  }

  Optional<SessionRecord> recordOf(String key, List<KeyValue<String, String>> fields) {
    return recordOf(
        key,
        fields.get(0).getValueOrElse(null),
        fields.get(1).getValueOrElse(null),
        fields.get(2).getValueOrElse(null));
  }

  /** The record from the hash's fields (null: absent), as the application clock sees it. */
  Optional<SessionRecord> recordOf(String key, String data, String expiry, String versionField) {
    if (data == null || expiry == null) {
      return Optional.empty();
    }
    Instant expiresAt;
    long version;
    try {
      expiresAt = fromNanos(Long.parseLong(expiry));
      version =
          versionField != null
              ? Long.parseLong(versionField)
              : SessionRecord.FIRST_VERSION; // written before versions existed
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!expiresAt.isAfter(clock.instant())) {
      return Optional.empty();
    }
    return SessionRecord.decode(key, data, expiresAt, version);
  }

  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    String ttl = ttlMillis(record.expiresAt());
    String key = sessionKey(record.key());
    String index = record.userId().map(this::userKey).orElse(null);
    String[] args = {
      record.encode(),
      nanos(record.expiresAt()),
      ttl,
      Long.toString(record.version()),
      Long.toString(expectedVersion),
      nanos(clock.instant())
    };
    try {
      if (index != null && cluster) {
        INDEX.run(redis, ScriptOutputType.INTEGER, new String[] {index}, key, ttl);
      }
      String[] keys = index == null || cluster ? new String[] {key} : new String[] {key, index};
      Long written = SAVE.run(redis, ScriptOutputType.INTEGER, keys, args);
      return written != null && written == 1L;
    } catch (RedisException e) {
      throw new RedisStoreException("session save", e);
    }
  }

  @Override
  public void touch(String key, Instant expiresAt) {
    try {
      TOUCH.run(
          redis,
          ScriptOutputType.INTEGER,
          new String[] {sessionKey(key)},
          nanos(expiresAt),
          ttlMillis(expiresAt));
    } catch (RedisException e) {
      throw new RedisStoreException("session touch", e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      redis.del(sessionKey(key));
    } catch (RedisException e) {
      throw new RedisStoreException("session delete", e);
    }
  }

  @Override
  public void deleteAllForUser(String userId) {
    String index = userKey(userId);
    try {
      if (!cluster) {
        DELETE_USER.run(redis, ScriptOutputType.INTEGER, new String[] {index});
        return;
      }
      // One slot per session in Cluster: no multi-key script possible. The index is not deleted
      // here: a session indexed meanwhile must stay findable (see the class comment).
      for (String member : redis.smembers(index)) {
        redis.del(member);
      }
    } catch (RedisException e) {
      throw new RedisStoreException("log out everywhere", e);
    }
  }

  /** The sessions the user's index names that are still live: SMEMBERS, then one HMGET each. */
  @Override
  public List<SessionRecord> listForUser(String userId) {
    String sessionPrefix = prefix + "s:";
    List<SessionRecord> found = new ArrayList<>();
    try {
      for (String member : redis.smembers(userKey(userId))) {
        if (member.startsWith(sessionPrefix)) {
          load(member.substring(sessionPrefix.length()))
              .filter(r -> r.userId().filter(userId::equals).isPresent())
              .ifPresent(found::add);
        }
      }
    } catch (RedisException e) {
      throw new RedisStoreException("list a user's sessions", e);
    }
    return found;
  }

  String sessionKey(String key) {
    return prefix + "s:" + key;
  }

  String userKey(String userId) {
    return prefix + "u:" + HexDigest.of("SHA-256", userId);
  }

  /** Redis expires the key at the session's expiry as the application clock counts it. */
  private String ttlMillis(Instant expiresAt) {
    long ms = Duration.between(clock.instant(), expiresAt).toMillis();
    return Long.toString(Math.max(1, ms + 1));
  }

  private static String nanos(Instant t) {
    return Long.toString(
        Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()));
  }

  private static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
