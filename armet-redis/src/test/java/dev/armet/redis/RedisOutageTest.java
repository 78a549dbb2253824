package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitDecision.Outcome;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.ratelimit.StoreFailurePolicy;
import dev.armet.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stops in the middle of traffic and comes back: bounded waits, the policy, no
 * over-admission.
 */
class RedisOutageTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final int LIMIT = 200;

  private OwnRedisServer server;
  private RedisStores redis;

  @BeforeEach
  void start() throws Exception {
    server = new OwnRedisServer();
    server.start();
    redis = RedisStores.open(server.uri(), b -> b.commandTimeout(TIMEOUT));
  }

  @AfterEach
  void stop() throws Exception {
    redis.close();
    server.close();
  }

  @Test
  void outageMidTraffic_failsClosed_neverOverAdmits_andRecoversByItself() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("fault", LIMIT, Duration.ofHours(1)))
            .store(redis.rateLimits())
            .events(e -> {})
            .build();
    Traffic traffic = new Traffic(8, () -> limiter.consume("hot"));
    await("traffic reached the limit", () -> traffic.count(Outcome.REFUSED) > 0);

    server.stop();
    await("refusals while Redis is down", () -> traffic.count(Outcome.UNAVAILABLE) > 50);
    assertThatThrownBy(() -> redis.sessions().load("any")).isInstanceOf(RedisStoreException.class);

    // While Redis is down every answer is 503; a refusal (429) can only come from Redis again.
    long refusedDuringOutage = traffic.count(Outcome.REFUSED);
    server.start();
    await("decisions by Redis again", () -> traffic.count(Outcome.REFUSED) > refusedDuringOutage);
    traffic.stop();
    // The slowest decision is printed for a person, never asserted: timings are not test verdicts.
    System.out.printf(
        "redis outage: %s; slowest decision %d ms (timeout %d ms)%n",
        traffic, traffic.slowest().toMillis(), TIMEOUT.toMillis());

    assertThat(traffic.count(Outcome.ALLOWED))
        .as("admitted over the whole run")
        .isLessThanOrEqualTo(LIMIT);
    assertThat(limiter.consume("hot").outcome())
        .as("the count survived the restart")
        .isEqualTo(Outcome.REFUSED);
    assertThat(limiter.consume("fresh").outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(redis.sessions().load("any")).isEmpty();
  }

  @Test
  void outageWithInsurance_decidesInProcess_thenRedisAgain() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("ins", 3, Duration.ofHours(1)))
            .store(redis.rateLimits())
            .events(e -> {})
            .onStoreFailure(StoreFailurePolicy.insurance(InMemoryRateLimitStore.create()))
            .build();
    assertThat(limiter.consume("k").isAllowed()).isTrue();
    server.stop();
    List<Outcome> during = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      during.add(limiter.consume("k").outcome());
    }
    // The insurance store counts alone, from zero: three allowed, then refused; never 503.
    assertThat(during)
        .containsExactly(Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.REFUSED);
    server.start();
    await("Redis decides again", () -> limiter.consume("k").status().consumed() == 2);
  }

  /** Polls {@code condition} for at most 15 s: waiting for a server, never a sleep. */
  static void await(String what, BooleanSupplier condition) {
    Poll.until(Duration.ofSeconds(15), what, condition);
  }

  /** Threads deciding in a loop, counting outcomes and the slowest decision. */
  static final class Traffic {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
    private final AtomicLong slowestNanos = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    Traffic(int n, java.util.function.Supplier<RateLimitDecision> decide) {
      for (Outcome o : Outcome.values()) {
        counts.put(o, new AtomicLong());
      }
      for (int i = 0; i < n; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (running.get()) {
                    long start = System.nanoTime();
                    Outcome o = decide.get().outcome();
                    slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    counts.get(o).incrementAndGet();
                    // Pacing, not synchronisation: clients that think between requests, so refusals
                    // answered in microseconds do not starve the two cores this runs on.
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                  }
                });
        t.start();
        threads.add(t);
      }
    }

    @Override
    public String toString() {
      return counts.toString();
    }

    long count(Outcome o) {
      return counts.get(o).get();
    }

    Duration slowest() {
      return Duration.ofNanos(slowestNanos.get());
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(5_000);
        assertThat(t.isAlive()).as("a decision thread hangs").isFalse();
      }
    }
  }
}
