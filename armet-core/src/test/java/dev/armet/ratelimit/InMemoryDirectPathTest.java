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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A limiter on {@link InMemoryRateLimitStore} keeps each subject in a slot named by SipHash ({@link
 * SubjectSlots}) and decides one subject on the store's direct path ({@code decide}: state in
 * place, no command), several in their slots under one command; a limiter on the same kind of store
 * reached through the plain SPI ({@code execute}) names subjects by their keyed hash, builds a
 * command and applies it. Over randomised sequences of every operation (one subject and several),
 * both algorithms, blocks, dry runs, costs, times and subjects (ASCII, non-ASCII, long), the two
 * give the same decisions and keep the same states per subject (issue 18).
 */
class InMemoryDirectPathTest {
  /** Subjects: the slot reads ASCII in place and encodes anything else as UTF-8, as names do. */
  static final List<String> SUBJECTS =
      List.of(
          "subject-0",
          "203.0.113.9",
          "user-\u00e9l\u00e8ve@example.com",
          "\u7528\u6237-\ud83d\ude00",
          "sk_live_" + "x".repeat(70),
          "");

  @Test
  void directPath_decidesAndKeepsAsTheCommandPath() {
    int evicted = 0;
    for (long seed = 1; seed <= 30; seed++) {
      evicted += compare(new Random(seed), 600);
    }
    assertThat(evicted).as("the cap was reached, so eviction was compared too").isPositive();
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

  /**
   * The direct store is capped at one key per segment, so it evicts all along; the command store is
   * not. An eviction only forgets: after each step, every subject the direct store lost (and the
   * store counted as evicted) is deleted from the command store too, and every other state must be
   * equal. Returns how many states the direct store evicted.
   */
  private static int compare(Random random, int steps) {
    MutableClock clock = new MutableClock();
    Keyring ring = Keyring.create(k -> k.secret(Secrets.generate()));
    SubjectSlots slots = SubjectSlots.derivedFrom(ring.keyedHash(SubjectSlots.PURPOSE));
    InMemoryRateLimitStore direct = InMemoryRateLimitStore.withMaxKeys(64);
    InMemoryRateLimitStore viaCommands = InMemoryRateLimitStore.create();
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
    int evicted = 0;
    long evictions = 0;
    for (int step = 0; step < steps; step++) {
      clock.advance(Duration.ofNanos(1000L * nextDelayMicros(random)));
      int p = random.nextInt(policies.size());
      int q = random.nextInt(policies.size());
      String key = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
      String other = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
      long limit = Math.min(policies.get(p).rule().limit(), policies.get(q).rule().limit());
      int op = random.nextInt(13);
      long points = 1 + random.nextInt((int) Math.min(limit, 3));
      Duration block = Duration.ofMillis(1 + random.nextInt(3_000));
      String where =
          "step "
              + step
              + " op "
              + op
              + " policies "
              + policies.get(p).name()
              + ", "
              + policies.get(q).name();
      if (op >= 10 && p == q && key.equals(other)) {
        op = 0; // one policy and subject twice in one decision is refused: see below
      }
      RateLimitDecision x = run(a.get(p), a.get(q), op, key, other, points, block);
      RateLimitDecision y = run(b.get(p), b.get(q), op, key, other, points, block);
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
      long now = clock.micros();
      int lost = 0;
      for (int i = 0; i < policies.size(); i++) {
        String policy = policies.get(i).name();
        for (String subject : SUBJECTS) {
          LimitState kept = direct.state(SlotKey.subject(policy, slots.of(subject)), now);
          String name = policy + ":" + b.get(i).subjectHash(subject);
          LimitState expected = viaCommands.state(name, now);
          if (kept == null && expected != null) { // evicted from the capped store: forget it too
            lost++;
            b.get(i).delete(subject);
          } else {
            assertThat(encode(kept)).as(where + " " + name).isEqualTo(encode(expected));
          }
        }
      }
      evicted += lost;
      long evictedNow = direct.evictions() - evictions;
      evictions = direct.evictions();
      if (op < 10) {
        assertThat(lost).as(where + ": what went missing was evicted").isEqualTo(evictedNow);
      } else { // a key may evict another of the same decision, which its own write then restores
        assertThat((long) lost)
            .as(where + ": what went missing was evicted")
            .isLessThanOrEqualTo(evictedNow);
      }
      assertThat(direct.size()).as(where).isLessThanOrEqualTo(64);
      assertThat(directEvents).as(where).hasSameSizeAs(commandEvents);
    }
    return evicted;
  }

  private static @Nullable RateLimitDecision run(
      RateLimiter l, RateLimiter m, int op, String key, String other, long points, Duration block) {
    return switch (op) {
      case 0, 1, 2, 3, 4 -> l.consume(key, points);
      case 5 -> l.penalty(key, points);
      case 6 -> l.reward(key, points);
      case 7 -> l.block(key, block);
      case 8 -> l.get(key);
      case 9 -> {
        l.delete(key);
        yield null;
      }
      case 10 -> RateLimiter.consumeAll(points, l.on(key), m.on(other));
      case 11 -> RateLimiter.penaltyAll(points, l.on(key), m.on(other));
      default -> RateLimiter.getAll(l.on(key), m.on(other));
    };
  }

  private static @Nullable String encode(@Nullable LimitState s) {
    return s == null ? null : Arrays.toString(s.encode());
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
}
