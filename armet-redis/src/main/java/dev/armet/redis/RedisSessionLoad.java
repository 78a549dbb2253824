package dev.armet.redis;

import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One session read (the hash's {@code d}, {@code e}, {@code n}) that the rate-limit store may
 * carry: answered inside its script (standalone), or sent just before it on the same connection
 * (Cluster, where the keys are on different slots). Unsent, {@link #result()} reads on its own,
 * exactly as {@link RedisSessionStore#load} does.
 */
final class RedisSessionLoad implements SessionLoad {
  private final RedisSessionStore store;
  private final String key;

  /**
   * Written last, after the fields, by whichever thread read the reply (the event loop, on the
   * asynchronous path): a request thread that sees it true sees the fields; one that sees it false
   * (the decision timed out first) reads on its own.
   */
  private volatile boolean answered;

  private String data;
  private String expiry;
  private String version;
  private RedisFuture<List<KeyValue<String, String>>> pending;
  private Optional<SessionRecord> result;

  RedisSessionLoad(RedisSessionStore store, String key) {
    this.store = store;
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** Whether a decision on {@code redis} can carry this read: same connection, not yet sent. */
  boolean canRideOn(RedisSessionStore other) {
    return store == other && !answered && pending == null;
  }

  /** The Redis key the read is of. */
  String redisKey() {
    return store.sessionKey(key);
  }

  /** The fields as a script read them (null when absent). */
  void answer(String data, String expiry, String version) {
    this.data = data;
    this.expiry = expiry;
    this.version = version;
    this.answered = true;
  }

  /** Sends the read now, without waiting: the decision that follows shares its round trip. */
  void send() {
    try {
      pending = store.sendLoad(key);
    } catch (RedisException e) {
      pending = null; // not sent: result() reads on its own, and fails as a load would
    }
  }

  @Override
  public Optional<SessionRecord> result() {
    if (result == null) {
      if (answered) {
        result = store.recordOf(key, data, expiry, version);
      } else if (pending != null) {
        List<KeyValue<String, String>> fields;
        try {
          fields =
              LettuceFutures.awaitOrCancel(pending, store.timeoutNanos(), TimeUnit.NANOSECONDS);
        } catch (RedisException e) {
          throw new RedisStoreException("session load", e);
        }
        result = store.recordOf(key, fields);
      } else {
        result = store.load(key);
      }
    }
    return result;
  }
}
