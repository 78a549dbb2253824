package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.session.SessionRecord;
import dev.armet.session.SessionStore;
import dev.armet.session.SessionStoreContract;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisSessionStoreTest extends SessionStoreContract {
  private RedisStores redis;

  @Override
  protected SessionStore newStore(MutableClock clock) {
    redis = LocalRedis.open(RedisStores.DecisionTime.CALLER, clock);
    return redis.sessions();
  }

  @AfterEach
  void close() {
    redis.close();
  }

  @Test
  void save_setsRedisExpiryToTheSession() {
    store.save(record("ttl", "alice", Duration.ofMinutes(30), Map.of()));
    long pttl = commands().pttl(((RedisSessionStore) store).sessionKey("ttl"));
    assertThat(pttl).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis() + 1);
  }

  @Test
  void load_recordOfUnknownFormat_isAbsent() {
    store.save(record("old", null, Duration.ofMinutes(30), Map.of("v", 1)));
    String key = ((RedisSessionStore) store).sessionKey("old");
    commands().hset(key, "d", "{\"v\":99,\"future\":true}");
    assertThat(store.load("old")).isEmpty();
  }

  @Test
  void deleteAllForUser_afterSomeSessionsExpired_stillRemovesTheRest() {
    SessionRecord gone = record("g1", "carol", Duration.ofMinutes(1), Map.of());
    store.save(gone);
    store.delete("g1");
    store.save(record("g2", "carol", Duration.ofMinutes(30), Map.of()));
    store.deleteAllForUser("carol");
    assertThat(store.load("g2")).isEmpty();
  }

  private io.lettuce.core.cluster.api.sync.RedisClusterCommands<String, String> commands() {
    return redisCommands(redis);
  }

  static io.lettuce.core.cluster.api.sync.RedisClusterCommands<String, String> redisCommands(
      RedisStores stores) {
    return stores.connectionForTests().commands();
  }
}
