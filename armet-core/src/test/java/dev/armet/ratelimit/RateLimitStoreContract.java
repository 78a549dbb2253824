package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.login.LoginThrottle;
import dev.armet.spi.RateLimitStore;
import dev.armet.testing.LogCapture;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimitStore} must do; a store module extends this and supplies {@link
 * #newStore()} (armet-core's test jar ships it; the test methods are public so JUnit runs them from
 * a subclass in any package). Edges are checked with a {@link MutableClock}, never with sleeps.
 *
 * <pre>{@code
 * class RedisRateLimitStoreTest extends RateLimitStoreContract {
 *   protected RateLimitStore newStore() { return RedisRateLimitStore.create(client, "test:" + UUID.randomUUID()); }
 * }
 * }</pre>
 */
public abstract class RateLimitStoreContract {
  protected final MutableClock clock = new MutableClock();

  /** A fresh, empty store. */
  protected abstract RateLimitStore newStore();

  /**
   * Everything {@code store} holds for rate limits, as text (keys, and values where readable): what
   * a dump of the store would show.
   */
  protected abstract List<String> storedText(RateLimitStore store) throws Exception;

  /**
   * Issue 10 item 7: a printable subject (an e-mail, an API key, a username) went into the store
   * and into a Redis warning in clear. Now neither the store nor any log line nor any event holds
   * it: only its keyed hash.
   */
  @Test
  public void anySubject_storedAndLoggedOnlyAsKeyedHash() throws Exception {
    RateLimitStore store = newStore();
    List<String> subjects =
        List.of("alice@example.com", "sk_live_51HsecretApiKey", "Mallory.Admin");
    try (LogCapture logs = LogCapture.everything()) {
      List<SecurityEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      RateLimiter limiter =
          RateLimiter.builder(RateLimitPolicy.fixedWindow("subjects", 2, Duration.ofHours(1)))
              .store(store)
              .clock(clock)
              .events(events::add)
              .build();
      LoginThrottle login =
          LoginThrottle.builder().store(store).clock(clock).events(events::add).build();
      for (String subject : subjects) {
        for (int i = 0; i < 3; i++) {
          limiter.consume(subject);
        }
        limiter.penalty(subject, 1);
        limiter.block(subject, Duration.ofMinutes(5));
        for (int i = 0; i < 21; i++) { // a lock for the pair and the account's slow-down
          if (login.check(subject, "192.0.2.1").allowed()) {
            login.failed(subject, "192.0.2.1");
          }
        }
      }
      List<String> stored = storedText(store);
      assertThat(stored).as("the store holds the subjects' state").isNotEmpty();
      String everything = String.join("\n", stored) + "\n" + logs.text() + "\n" + events;
      for (String subject : subjects) {
        assertThat(everything).doesNotContainIgnoringCase(subject);
      }
    }
  }

  protected RateLimiter limiter(RateLimitStore store, RateLimitPolicy policy) {
    return RateLimiter.builder(policy)
        .store(store)
        .clock(clock)
        .events(SecurityEventSink.logging())
        .build();
  }

  @Test
  public void consume_sixteenThreadsOneKey_admitsExactlyLimit() throws Exception {
    RateLimiter limiter =
        limiter(newStore(), RateLimitPolicy.fixedWindow("hammer", 1000, Duration.ofHours(1)));
    assertThat(hammer(16, 250, () -> limiter.consume("k").isAllowed())).isEqualTo(1000);
    RateLimiter bucket =
        limiter(newStore(), RateLimitPolicy.tokenBucket("hammer-bucket", 500, Duration.ofHours(1)));
    assertThat(hammer(16, 100, () -> bucket.consume("k").isAllowed())).isEqualTo(500);
  }

  @Test
  public void consumeAll_concurrentOnSharedKeys_neverOverAdmits() throws Exception {
    RateLimitStore store = newStore();
    RateLimiter a = limiter(store, RateLimitPolicy.fixedWindow("a", 300, Duration.ofHours(1)));
    RateLimiter b = limiter(store, RateLimitPolicy.fixedWindow("b", 200, Duration.ofHours(1)));
    int admitted =
        hammer(16, 50, () -> RateLimiter.consumeAll(1, a.on("x"), b.on("x")).isAllowed());
    assertThat(admitted).isEqualTo(200);
    // b refused the rest, so a spent exactly 200 of its 300.
    assertThat(a.get("x").status().remaining()).isEqualTo(100);
  }

  @Test
  public void consumeAll_refusedByOne_spendsNothingInOthers() {
    RateLimitStore store = newStore();
    RateLimiter wide =
        limiter(store, RateLimitPolicy.fixedWindow("wide", 10, Duration.ofMinutes(1)));
    RateLimiter narrow =
        limiter(store, RateLimitPolicy.fixedWindow("narrow", 1, Duration.ofMinutes(1)));
    assertThat(RateLimiter.consumeAll(1, wide.on("k"), narrow.on("k")).isAllowed()).isTrue();
    RateLimitDecision refused = RateLimiter.consumeAll(1, wide.on("k"), narrow.on("k"));
    assertThat(refused.outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
    assertThat(refused.statuses().get(0).allowed()).isTrue();
    assertThat(wide.get("k").status().remaining()).isEqualTo(9);
  }

  @Test
  public void consume_fixedWindowEdges_refusedUntilWindowEndsThenAllowed() {
    RateLimiter limiter =
        limiter(newStore(), RateLimitPolicy.fixedWindow("win", 2, Duration.ofSeconds(10)));
    assertThat(limiter.consume("k").isAllowed()).isTrue();
    clock.advance(Duration.ofSeconds(3));
    assertThat(limiter.consume("k").status().remaining()).isZero();
    RateLimitDecision refused = limiter.consume("k");
    assertThat(refused.isAllowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    clock.advance(Duration.ofSeconds(7).minusNanos(1000));
    assertThat(limiter.consume("k").isAllowed()).as("1 µs before the window ends").isFalse();
    clock.advance(Duration.ofNanos(1000));
    assertThat(limiter.consume("k").isAllowed()).as("exactly at the window end").isTrue();
  }

  @Test
  public void consume_tokenBucket_burstThenSteadyRefill() {
    RateLimiter limiter =
        limiter(
            newStore(),
            RateLimitPolicy.builder("bucket").tokenBucket(3, 1, Duration.ofSeconds(2)).build());
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.consume("k").isAllowed()).isTrue();
    }
    RateLimitDecision refused = limiter.consume("k");
    assertThat(refused.isAllowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofMillis(1999));
    assertThat(limiter.consume("k").isAllowed()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.consume("k").isAllowed()).isTrue();
    assertThat(limiter.consume("k").isAllowed()).isFalse();
    clock.advance(Duration.ofSeconds(6));
    assertThat(limiter.get("k").status().remaining()).isEqualTo(3);
  }

  @Test
  public void consume_overLimitWithBlockDuration_blockedForWholeDuration() {
    RateLimiter limiter =
        limiter(
            newStore(),
            RateLimitPolicy.builder("blk")
                .fixedWindow(1, Duration.ofSeconds(1))
                .blockDuration(Duration.ofMinutes(5))
                .build());
    limiter.consume("k");
    RateLimitDecision refused = limiter.consume("k");
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(4));
    assertThat(limiter.consume("k").retryAfter()).isEqualTo(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.consume("k").isAllowed()).isTrue();
  }

  @Test
  public void penaltyRewardBlockGetDelete_behaveAsRateLimiterFlexible() {
    RateLimiter limiter =
        limiter(newStore(), RateLimitPolicy.fixedWindow("ops", 5, Duration.ofMinutes(1)));
    assertThat(limiter.penalty("k", 4).status().consumed()).isEqualTo(4);
    assertThat(limiter.reward("k", 1).status().remaining()).isEqualTo(2);
    assertThat(limiter.get("k").status().consumed()).isEqualTo(3);
    assertThat(limiter.get("k").status().consumed()).as("get changes nothing").isEqualTo(3);
    limiter.block("k", Duration.ofSeconds(30));
    assertThat(limiter.consume("k").retryAfter()).isEqualTo(Duration.ofSeconds(30));
    limiter.delete("k");
    assertThat(limiter.consume("k").status().remaining()).isEqualTo(4);
  }

  @Test
  public void state_afterExpiry_behavesAsAbsent() {
    RateLimiter limiter =
        limiter(newStore(), RateLimitPolicy.fixedWindow("exp", 3, Duration.ofSeconds(5)));
    limiter.consume("k", 3);
    clock.advance(Duration.ofSeconds(5));
    RateLimitDecision again = limiter.consume("k");
    assertThat(again.isAllowed()).isTrue();
    assertThat(again.status().remaining()).isEqualTo(2);
    assertThat(again.status().reset()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  public void consume_keysAreIndependent() {
    RateLimiter limiter =
        limiter(newStore(), RateLimitPolicy.fixedWindow("ind", 1, Duration.ofMinutes(1)));
    assertThat(limiter.consume("a").isAllowed()).isTrue();
    assertThat(limiter.consume("b").isAllowed()).isTrue();
    assertThat(limiter.consume("a").isAllowed()).isFalse();
  }

  /** Runs {@code perThread} calls on each of {@code threads} threads at once; counts the trues. */
  protected static int hammer(int threads, int perThread, Callable<Boolean> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  if (call.call()) {
                    admitted.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return admitted.get();
  }
}
