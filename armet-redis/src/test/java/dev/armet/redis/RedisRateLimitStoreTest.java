package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimitStoreContract;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.spi.RateLimitStore;
import dev.armet.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRateLimitStoreTest extends RateLimitStoreContract {
  private final List<RedisStores> opened = new ArrayList<>();

  @Override
  protected RateLimitStore newStore() {
    return open(RedisStores.DecisionTime.CALLER).rateLimits();
  }

  @Override
  protected List<String> storedText(RateLimitStore store) {
    return RedisDump.rateLimits(
        opened.stream().filter(s -> s.rateLimits() == store).findFirst().orElseThrow());
  }

  private RedisStores open(RedisStores.DecisionTime time) {
    RedisStores s = LocalRedis.open(time, Clock.systemUTC());
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAndCheckAgreement() {
    for (RedisStores s : opened) {
      assertThat(s.rateLimits().divergences()).as("script and core agree").isZero();
      s.close();
    }
  }

  @Test
  void redisTime_instancesWithSkewedClocks_shareOneWindow() {
    RedisStores redis = open(RedisStores.DecisionTime.REDIS);
    RateLimitPolicy policy = RateLimitPolicy.fixedWindow("skew", 4, Duration.ofMinutes(1));
    // Two instances whose clocks are an hour apart, both far from Redis's: one window still.
    RateLimiter early =
        RateLimiter.builder(policy)
            .store(redis.rateLimits())
            .clock(new MutableClock(Instant.now().minus(Duration.ofHours(1))))
            .build();
    RateLimiter late =
        RateLimiter.builder(policy)
            .store(redis.rateLimits())
            .clock(new MutableClock(Instant.now().plus(Duration.ofDays(400))))
            .build();
    int admitted = 0;
    for (int i = 0; i < 5; i++) {
      admitted += early.consume("k").isAllowed() ? 1 : 0;
      admitted += late.consume("k").isAllowed() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(4);
    RateLimitDecision refused = late.consume("k");
    assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1));
  }

  @Test
  void everyDecision_isOneEvalshaRoundTrip() {
    RedisStores redis = open(RedisStores.DecisionTime.REDIS);
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.tokenBucket("rt", 1000, Duration.ofMinutes(1)))
            .store(redis.rateLimits())
            .build();
    limiter.consume("warm"); // loads the script if this Redis has never seen it
    CommandStats before = CommandStats.of(redis);
    for (int i = 0; i < 100; i++) {
      limiter.consume("k" + (i % 7));
    }
    limiter.penalty("k1", 2);
    limiter.reward("k1", 1);
    limiter.block("k2", Duration.ofSeconds(5));
    CommandStats after = CommandStats.of(redis);
    // Redis also counts the commands the script runs inside (time, get, set): not round trips.
    Map<String, Long> ran = after.minus(before);
    assertThat(ran).containsEntry("evalsha", 103L);
    assertThat(ran.keySet()).isSubsetOf("evalsha", "info", "time", "get", "set", "del");
  }

  @Test
  void blockedKey_isRefusedFromTheCacheWithoutAskingRedis() {
    RedisStores redis = open(RedisStores.DecisionTime.REDIS);
    RateLimiter limiter =
        RateLimiter.builder(
                RateLimitPolicy.builder("flood")
                    .fixedWindow(2, Duration.ofSeconds(10))
                    .blockDuration(Duration.ofMinutes(10))
                    .build())
            .store(redis.rateLimits())
            .build();
    limiter.consume("attacker");
    limiter.consume("attacker");
    assertThat(limiter.consume("attacker").isAllowed()).isFalse(); // earns the block
    CommandStats before = CommandStats.of(redis);
    for (int i = 0; i < 1000; i++) {
      RateLimitDecision d = limiter.consume("attacker");
      assertThat(d.outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
      assertThat(d.retryAfter()).isGreaterThan(Duration.ofMinutes(9));
    }
    assertThat(CommandStats.of(redis).minus(before)).doesNotContainKey("evalsha");
    limiter.delete("attacker"); // a local delete lifts the cached block too
    assertThat(limiter.consume("attacker").isAllowed()).isTrue();
  }

  @Test
  void consumeAll_perKeyPoints_spendEachKeysOwnCost() {
    RateLimitStore store = newStore();
    RateLimiter a =
        limiter(store, RateLimitPolicy.fixedWindow("cost-a", 10, Duration.ofMinutes(1)));
    RateLimiter b =
        limiter(store, RateLimitPolicy.tokenBucket("cost-b", 10, Duration.ofMinutes(1)));
    assertThat(RateLimiter.consumeAll(a.on("x", 3), b.on("x", 1)).isAllowed()).isTrue();
    assertThat(a.get("x").status().remaining()).isEqualTo(7);
    assertThat(b.get("x").status().remaining()).isEqualTo(9);
    assertThat(RateLimiter.consumeAll(a.on("x", 8), b.on("x", 1)).isAllowed()).isFalse();
    assertThat(b.get("x").status().remaining()).as("all or nothing").isEqualTo(9);
  }

  @Test
  void script_afterScriptFlush_isReloadedTransparently() {
    RedisStores redis = open(RedisStores.DecisionTime.REDIS);
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("flush", 3, Duration.ofMinutes(1)))
            .store(redis.rateLimits())
            .build();
    assertThat(limiter.consume("k").isAllowed()).isTrue();
    RedisSessionStoreTest.redisCommands(redis).scriptFlush();
    assertThat(limiter.consume("k").status().remaining()).isEqualTo(1);
  }
}
