package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.session.SessionStoreContract;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
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
    create(record("ttl", "alice", Duration.ofMinutes(30), Map.of()));
    long pttl = commands().pttl(((RedisSessionStore) store).sessionKey("ttl"));
    assertThat(pttl)
        .isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis() + 1);
  }

  @Test
  void load_recordOfUnknownFormat_isAbsent() {
    create(record("old", null, Duration.ofMinutes(30), Map.of("v", 1)));
    String key = ((RedisSessionStore) store).sessionKey("old");
    commands().hset(key, "d", "{\"v\":99,\"future\":true}");
    assertThat(store.load("old")).isEmpty();
  }

  @Test
  void deleteAllForUser_afterSomeSessionsExpired_stillRemovesTheRest() {
    SessionRecord gone = record("g1", "carol", Duration.ofMinutes(1), Map.of());
    create(gone);
    store.delete("g1");
    create(record("g2", "carol", Duration.ofMinutes(30), Map.of()));
    store.deleteAllForUser("carol");
    assertThat(store.load("g2")).isEmpty();
  }

  @Test
  void userKey_isTheHexSha256OfTheUserId_asEarlierVersionsNamedIt() {
    String key = ((RedisSessionStore) store).userKey("alice");
    assertThat(key).endsWith(":u:2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90");
  }

  @Test
  void save_shorterSessionOfTheSameUser_neverShortensTheIndexExpiry() {
    create(record("long", "dave", Duration.ofHours(8), Map.of()));
    create(record("short", "dave", Duration.ofMinutes(1), Map.of()));
    long pttl = commands().pttl(((RedisSessionStore) store).userKey("dave"));
    assertThat(pttl).isGreaterThan(Duration.ofHours(7).toMillis());
  }

  /** A rolling deploy: a hash the previous release wrote (no version field) reads as version 1. */
  @Test
  void load_hashWrittenBeforeVersions_isVersionOne_andConditionalSaveWorks() {
    SessionRecord r = record("legacy", "erin", Duration.ofMinutes(30), Map.of("v", 1));
    String key = ((RedisSessionStore) store).sessionKey("legacy");
    java.time.Instant e = r.expiresAt();
    commands()
        .hset(
            key,
            Map.of(
                "d",
                r.encode(),
                "e",
                Long.toString(e.getEpochSecond() * 1_000_000_000L + e.getNano())));
    commands().pexpire(key, Duration.ofMinutes(30).toMillis());
    SessionRecord back = store.load("legacy").orElseThrow();
    assertThat(back.version()).isEqualTo(SessionRecord.FIRST_VERSION);
    assertThat(store.save(back.withVersion(2), 1)).isTrue();
    assertThat(store.load("legacy").orElseThrow().version()).isEqualTo(2);
  }

  private io.lettuce.core.cluster.api.sync.RedisClusterCommands<String, String> commands() {
    return redisCommands(redis);
  }

  static io.lettuce.core.cluster.api.sync.RedisClusterCommands<String, String> redisCommands(
      RedisStores stores) {
    return stores.connectionForTests().commands();
  }
}
