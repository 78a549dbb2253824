package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimitStoreContract;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.session.SessionStoreContract;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Both contract suites again, on a real three-node Redis Cluster started by the test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterTest {
  private OwnRedisCluster cluster;
  private final List<RedisStores> opened = new ArrayList<>();

  @BeforeAll
  void startCluster() throws Exception {
    cluster = new OwnRedisCluster();
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  RedisStores open(Clock sessionClock) {
    RedisStores s =
        RedisStores.open(
            cluster.uri(),
            b ->
                b.keyPrefix(LocalRedis.freshPrefix())
                    .decisionTime(RedisStores.DecisionTime.CALLER)
                    .sessionClock(sessionClock));
    opened.add(s);
    return s;
  }

  @AfterEach
  void close() {
    for (RedisStores s : opened) {
      assertThat(s.rateLimits().divergences()).isZero();
      s.close();
    }
    opened.clear();
  }

  @Test
  void loginThrottle_userWhoseKeyIsHashed_locks() {
    RedisStores redis = open(Clock.systemUTC());
    LoginThrottle throttle =
        LoginThrottle.builder()
            .store(redis.rateLimits())
            .events(e -> {})
            .lockout(3, Duration.ofMinutes(5))
            .build();
    String user = "zoë with spaces"; // not plain: core hashes the pair key
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.check(user, "10.0.0.7").allowed()).isTrue();
      throttle.failed(user, "10.0.0.7");
    }
    assertThat(throttle.check(user, "10.0.0.7").reason())
        .isEqualTo(LoginCheck.Reason.ACCOUNT_LOCKED_FOR_ADDRESS);
  }

  @Test
  void consumeAll_overDifferentSubjects_isAtomicOnOneSlot() {
    RedisStores redis = open(Clock.systemUTC());
    RateLimiter a =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("a", 5, Duration.ofMinutes(1)))
            .store(redis.rateLimits())
            .events(e -> {})
            .build();
    RateLimiter b =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("b", 5, Duration.ofMinutes(1)))
            .store(redis.rateLimits())
            .events(e -> {})
            .build();
    assertThat(RateLimiter.consumeAll(1, a.on("x"), b.on("y")).outcome())
        .isEqualTo(RateLimitDecision.Outcome.ALLOWED);
    assertThat(b.get("y").status().remaining()).isEqualTo(4);
  }

  /** Issue 10, item 3: in Cluster the index is updated apart from the session. */
  @Test
  void sessionSave_shorterSessionOfTheSameUser_neverShortensTheIndexExpiry() {
    RedisStores redis = open(Clock.systemUTC());
    RedisSessionStore store = (RedisSessionStore) redis.sessions();
    java.time.Instant now = java.time.Instant.now();
    for (Duration ttl : List.of(Duration.ofHours(8), Duration.ofMinutes(1))) {
      assertThat(
              store.save(
                  new SessionRecord(
                      "s" + ttl.toMinutes(), "dave", now, now.plus(ttl), java.util.Map.of()),
                  SessionStore.ABSENT))
          .isTrue();
    }
    long pttl = redis.connectionForTests().commands().pttl(store.userKey("dave"));
    assertThat(pttl).isGreaterThan(Duration.ofHours(7).toMillis());
  }

  /** Issue 18: in Cluster the read is pipelined before the decision (different slots). */
  @Test
  void carriedSessionRead_answersWhatLoadAnswers() {
    AlongsideChecks.carriedRead_answersWhatLoadAnswers(open(Clock.systemUTC()));
  }

  @Test
  void cachedRefusal_leavesTheSessionReadUnsent() {
    AlongsideChecks.cachedRefusal_leavesTheReadUnsent(open(Clock.systemUTC()));
  }

  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected SessionStore newStore(MutableClock clock) {
      return open(clock).sessions();
    }
  }

  @Nested
  class RateLimits extends RateLimitStoreContract {
    private final java.util.Map<RateLimitStore, RedisStores> stores =
        new java.util.IdentityHashMap<>();

    @Override
    protected RateLimitStore newStore() {
      RedisStores redis = open(Clock.systemUTC());
      stores.put(redis.rateLimits(), redis);
      return redis.rateLimits();
    }

    @Override
    protected java.util.List<String> storedText(RateLimitStore store) {
      return RedisDump.rateLimits(stores.get(store));
    }
  }
}
