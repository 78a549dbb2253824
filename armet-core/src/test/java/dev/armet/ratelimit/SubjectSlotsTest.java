package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitCommand.Operation;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory store's slots ({@link SubjectSlots}) must keep of the keyed names they replace
 * on the direct path (issue 18): no subject in the store, slots keyed by the keyring, one slot per
 * subject, and no choice of subjects crowding one bucket of the store's tables (hash flooding).
 */
class SubjectSlotsTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void slots_followTheKeyring() {
    Keyring one = Keyring.create(k -> k.secret(Secrets.generate()));
    Keyring other = Keyring.create(k -> k.secret(Secrets.generate()));
    SubjectSlots a = SubjectSlots.derivedFrom(one.keyedHash(SubjectSlots.PURPOSE));
    SubjectSlots again = SubjectSlots.derivedFrom(one.keyedHash(SubjectSlots.PURPOSE));
    SubjectSlots b = SubjectSlots.derivedFrom(other.keyedHash(SubjectSlots.PURPOSE));
    for (String subject : List.of("203.0.113.9", "alice@example.com", "\u00e9l\u00e8ve", "")) {
      SlotKey x = SlotKey.subject("p", a.of(subject));
      assertThat(SlotKey.subject("p", again.of(subject))).isEqualTo(x);
      assertThat(SlotKey.subject("p", b.of(subject))).isNotEqualTo(x);
    }
  }

  @Test
  void distinctSubjects_distinctSlots() {
    SubjectSlots slots = SubjectSlots.random();
    Set<SlotKey> seen = new HashSet<>();
    Set<Long> words = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String subject = i % 3 == 0 ? "k" + i : i % 3 == 1 ? "\u00fc" + i : "x".repeat(i % 90) + i;
      SipHash h = slots.of(subject);
      seen.add(new SlotKey("p", false, h.hi(), h.lo()));
      words.add(h.lo());
    }
    assertThat(seen).hasSize(200_000);
    assertThat(words).as("even one word of the slot").hasSize(200_000);
  }

  @Test
  void storeHoldsSlots_neverTheSubjects() {
    InMemoryRateLimitStore store = InMemoryRateLimitStore.create();
    RateLimiter limiter = limiter(store);
    List<String> subjects = List.of("sk_live_51Hsecret", "alice@example.com", "\u00e9l\u00e8ve");
    for (String s : subjects) {
      limiter.consume(s);
      limiter.block(s, Duration.ofMinutes(1));
      RateLimiter.consumeAll(1, limiter.on(s + "!"), limiter.on(s + "?"));
    }
    assertThat(store.keys()).hasSize(9).allMatch(k -> k.matches("flood:#[0-9a-f]{32}"));
  }

  /**
   * 65,536 subjects with one {@code String.hashCode} (every string of 16 blocks "Aa" or "BB"),
   * through a limiter (slots) and through the SPI (text keys, placed by the store's own SipHash):
   * they spread over the segments and over each segment's buckets as random keys would.
   */
  @Test
  void subjectsWithOneStringHash_doNotCrowdABucket() {
    List<String> colliding = new ArrayList<>();
    for (int i = 0; i < 1 << 16; i++) {
      StringBuilder s = new StringBuilder();
      for (int bit = 0; bit < 16; bit++) {
        s.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
      }
      colliding.add(s.toString());
    }
    assertThat(colliding.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
    InMemoryRateLimitStore slots = InMemoryRateLimitStore.withMaxKeys(1_000_000);
    RateLimiter limiter = limiter(slots);
    InMemoryRateLimitStore texts = InMemoryRateLimitStore.withMaxKeys(1_000_000);
    RateLimitPolicy policy = limiter.policy();
    for (String s : colliding) {
      limiter.consume(s);
      texts.execute(
          RateLimitCommand.of(
              "flood:" + s, policy.rule(), Operation.CONSUME, 1, clock.micros(), 0));
    }
    for (InMemoryRateLimitStore store : List.of(slots, texts)) {
      assertThat(store.size()).isEqualTo(1 << 16);
      int[] crowding = store.crowding();
      assertThat(crowding[0]).as("longest chain").isLessThanOrEqualTo(10);
      assertThat(crowding[1]).as("fullest segment (1,024 on average)").isLessThan(1_400);
    }
  }

  private RateLimiter limiter(InMemoryRateLimitStore store) {
    return RateLimiter.builder(RateLimitPolicy.fixedWindow("flood", 10, Duration.ofHours(1)))
        .store(store)
        .clock(clock)
        .environment(ArmetEnvironment.DEVELOPMENT)
        .events(e -> {})
        .build();
  }
}
