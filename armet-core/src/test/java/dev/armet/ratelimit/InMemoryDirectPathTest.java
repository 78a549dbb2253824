package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.spi.LimitState;
import dev.armet.spi.LimitStatus;
import dev.armet.spi.RateLimitStore;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A limiter on {@link InMemoryRateLimitStore} decides one key on the store's direct path ({@code
 * decide}: state in place, no command); a limiter on the same kind of store reached through the
 * plain SPI ({@code execute}) builds a command and applies it. Over randomised sequences of every
 * operation, both algorithms, blocks, dry runs, costs and times, the two give the same decisions
 * and keep the same states (issue 18).
 */
class InMemoryDirectPathTest {
  static final int KEYS = 5;

  @Test
  void directPath_decidesAndKeepsAsTheCommandPath() {
    int compared = 0;
    for (long seed = 1; seed <= 30; seed++) {
      compared += compare(new Random(seed), 600);
    }
    assertThat(compared).isEqualTo(30 * 600);
  }

  /**
   * The direct path and the command path lock the same segment: sixteen threads spending on one key
   * through both at once never admit more than the limit, and admit exactly it.
   */
  @Test
  void bothPaths_sixteenThreadsOneKey_admitExactlyLimit() throws Exception {
    MutableClock clock = new MutableClock();
    Keyring ring = Keyring.create(k -> k.secret(Secrets.generate()));
    InMemoryRateLimitStore store = InMemoryRateLimitStore.withMaxKeys(1_000);
    List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    RateLimiter window =
        limiter(
            RateLimitPolicy.fixedWindow("hammer", 1000, Duration.ofHours(1)),
            store,
            clock,
            ring,
            events);
    RateLimiter bucket =
        limiter(
            RateLimitPolicy.tokenBucket("hammer-bucket", 600, Duration.ofHours(1)),
            store,
            clock,
            ring,
            events);
    AtomicLong calls = new AtomicLong();
    assertThat(
            RateLimitStoreContract.hammer(
                16,
                250,
                () ->
                    calls.getAndIncrement() % 2 == 0
                        ? window.consume("k").isAllowed()
                        : RateLimiter.consumeAll(1, window.on("k")).isAllowed()))
        .isEqualTo(1000);
    assertThat(
            RateLimitStoreContract.hammer(
                16,
                100,
                () ->
                    calls.getAndIncrement() % 2 == 0
                        ? bucket.consume("k", 2).isAllowed()
                        : RateLimiter.consumeAll(2, bucket.on("k")).isAllowed()))
        .isEqualTo(300);
    assertThat(window.get("k").status().remaining()).isZero();
    assertThat(bucket.get("k").status().remaining()).isZero();
  }

  private static int compare(Random random, int steps) {
    MutableClock clock = new MutableClock();
    Keyring ring = Keyring.create(k -> k.secret(Secrets.generate()));
    InMemoryRateLimitStore direct = InMemoryRateLimitStore.withMaxKeys(64);
    InMemoryRateLimitStore viaCommands = InMemoryRateLimitStore.withMaxKeys(64);
    RateLimitStore commandsOnly = command -> viaCommands.execute(command); // no direct path
    List<SecurityEvent> directEvents = new ArrayList<>();
    List<SecurityEvent> commandEvents = new ArrayList<>();
    List<RateLimitPolicy> policies = policies();
    List<RateLimiter> a = new ArrayList<>();
    List<RateLimiter> b = new ArrayList<>();
    for (RateLimitPolicy p : policies) {
      a.add(limiter(p, direct, clock, ring, directEvents));
      b.add(limiter(p, commandsOnly, clock, ring, commandEvents));
    }
    for (int step = 0; step < steps; step++) {
      clock.advance(Duration.ofNanos(1000L * nextDelayMicros(random)));
      int p = random.nextInt(policies.size());
      String key = "subject-" + random.nextInt(KEYS);
      long limit = policies.get(p).rule().limit();
      int op = random.nextInt(10);
      long points = 1 + random.nextInt((int) Math.min(limit, 3));
      Duration block = Duration.ofMillis(1 + random.nextInt(3_000));
      RateLimitDecision x = run(a.get(p), op, key, points, block);
      RateLimitDecision y = run(b.get(p), op, key, points, block);
      String where = "step " + step + " op " + op + " policy " + policies.get(p).name();
      if (x == null || y == null) {
        assertThat(x).as(where).isNull();
        assertThat(y).as(where).isNull();
      } else {
        assertThat(x.outcome()).as(where).isEqualTo(y.outcome());
        assertThat(x.retryAfter()).as(where).isEqualTo(y.retryAfter());
        assertThat(x.dryRunRefused()).as(where).isEqualTo(y.dryRunRefused());
        assertThat(describe(x.statuses())).as(where).isEqualTo(describe(y.statuses()));
        assertThat(x.toString()).as(where).isEqualTo(y.toString());
      }
      assertThat(states(direct, clock.micros()))
          .as(where)
          .isEqualTo(states(viaCommands, clock.micros()));
      assertThat(directEvents).as(where).hasSameSizeAs(commandEvents);
    }
    return steps;
  }

  private static RateLimitDecision run(
      RateLimiter l, int op, String key, long points, Duration block) {
    return switch (op) {
      case 0, 1, 2, 3, 4 -> l.consume(key, points);
      case 5 -> l.penalty(key, points);
      case 6 -> l.reward(key, points);
      case 7 -> l.block(key, block);
      case 8 -> l.get(key);
      default -> {
        l.delete(key);
        yield null;
      }
    };
  }

  /** Mostly short steps (within a window, a token's period), some long (past windows, blocks). */
  private static long nextDelayMicros(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> (long) random.nextInt(1_000);
      case 3, 4 -> (long) random.nextInt(300_000);
      default -> (long) random.nextInt(4_000_000);
    };
  }

  private static List<RateLimitPolicy> policies() {
    return List.of(
        RateLimitPolicy.builder("bucket").tokenBucket(3, 1, Duration.ofMillis(400)).build(),
        RateLimitPolicy.builder("bucket-block")
            .tokenBucket(5, 2, Duration.ofSeconds(1))
            .blockDuration(Duration.ofMillis(1_500))
            .build(),
        RateLimitPolicy.builder("bucket-dry")
            .tokenBucket(2, 1, Duration.ofSeconds(1))
            .dryRun(true)
            .build(),
        RateLimitPolicy.builder("window").fixedWindow(3, Duration.ofSeconds(1)).build(),
        RateLimitPolicy.builder("window-block")
            .fixedWindow(4, Duration.ofMillis(500))
            .blockDuration(Duration.ofSeconds(2))
            .build(),
        RateLimitPolicy.builder("window-dry")
            .fixedWindow(2, Duration.ofMillis(700))
            .dryRun(true)
            .build());
  }

  private static RateLimiter limiter(
      RateLimitPolicy policy,
      RateLimitStore store,
      MutableClock clock,
      Keyring ring,
      List<SecurityEvent> events) {
    return RateLimiter.builder(policy)
        .store(store)
        .clock(clock)
        .keyring(ring)
        .environment(ArmetEnvironment.DEVELOPMENT)
        .events(events::add)
        .build();
  }

  private static List<String> describe(List<LimitStatus> statuses) {
    List<String> out = new ArrayList<>();
    for (LimitStatus s : statuses) {
      out.add(
          s + " consumed=" + s.consumed() + " window=" + s.window() + " retry=" + s.retryAfter());
    }
    return out;
  }

  /** Every key held, with its live state (sorted), and how many keys are held. */
  private static List<String> states(InMemoryRateLimitStore store, long now) {
    List<String> keys = new ArrayList<>(store.keys());
    keys.sort(null);
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      LimitState s = store.state(k, now);
      out.add(k + "=" + (s == null ? "expired" : Arrays.toString(s.encode())));
    }
    out.add("size=" + store.size());
    return out;
  }
}
