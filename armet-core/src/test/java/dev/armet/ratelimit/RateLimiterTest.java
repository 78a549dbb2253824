package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.event.SecurityEvent;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.spi.LimitState;
import dev.armet.spi.LimitStatus;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final MutableClock clock = new MutableClock();
  final List<SecurityEvent> events = new ArrayList<>();
  final RateLimitStore failing =
      command -> {
        throw new RateLimitStoreException("connection reset");
      };

  RateLimiter.Builder limiter(RateLimitPolicy policy) {
    return RateLimiter.builder(policy).clock(clock).events(events::add);
  }

  @Test
  void consume_overLimit_refusedWithRetryAfter() {
    RateLimiter l = limiter(RateLimitPolicy.fixedWindow("p", 1, Duration.ofSeconds(60))).build();
    l.consume("k");
    clock.advance(Duration.ofMillis(20_500));
    RateLimitDecision d = l.consume("k");
    assertThat(d.outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(39_500));
  }

  /**
   * The system clock, which a limiter on the in-memory store reads without an {@code Instant} (to
   * the millisecond), counts the same time as through the SPI (read from an {@code Instant}).
   */
  @Test
  void systemClock_inMemoryAndThroughTheSpi_sameTimes() {
    InMemoryRateLimitStore memory = InMemoryRateLimitStore.create();
    InMemoryRateLimitStore behind = InMemoryRateLimitStore.create();
    RateLimitStore wrapped = command -> behind.execute(command);
    for (RateLimitStore store : List.of(memory, wrapped, (RateLimitStore) memory)) {
      for (RateLimitPolicy policy :
          List.of(
              RateLimitPolicy.fixedWindow("window", 1, Duration.ofHours(1)),
              RateLimitPolicy.tokenBucket("bucket", 1, Duration.ofHours(1)))) {
        RateLimiter l = RateLimiter.builder(policy).store(store).events(events::add).build();
        String subject = "k" + System.identityHashCode(store);
        l.consume(subject);
        RateLimitDecision d = l.consume(subject);
        assertThat(d.outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
        assertThat(d.retryAfter())
            .isGreaterThan(Duration.ofMinutes(59))
            .isLessThanOrEqualTo(Duration.ofHours(1));
        l.delete(subject);
      }
    }
  }

  @Test
  void consume_dryRun_neverRefusesButReports() {
    RateLimiter l =
        limiter(
                RateLimitPolicy.builder("dry")
                    .fixedWindow(1, Duration.ofMinutes(1))
                    .dryRun(true)
                    .build())
            .build();
    assertThat(l.consume("k").isAllowed()).isTrue();
    RateLimitDecision d = l.consume("k");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.dryRunRefused()).isTrue();
    assertThat(d.status().remaining()).isZero();
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("excess_rate_limit_exceeded");
  }

  @Test
  void consumeAll_dryRunPolicyRefusing_doesNotBlockEnforcedOne() {
    RateLimitStore store = InMemoryRateLimitStore.create();
    RateLimiter dry =
        limiter(
                RateLimitPolicy.builder("dry")
                    .fixedWindow(1, Duration.ofMinutes(1))
                    .dryRun(true)
                    .build())
            .store(store)
            .build();
    RateLimiter real =
        limiter(RateLimitPolicy.fixedWindow("real", 5, Duration.ofMinutes(1))).store(store).build();
    RateLimiter.consumeAll(1, dry.on("k"), real.on("k"));
    RateLimitDecision d = RateLimiter.consumeAll(1, dry.on("k"), real.on("k"));
    assertThat(d.isAllowed()).isTrue();
    assertThat(real.get("k").status().consumed()).isEqualTo(2);
  }

  @Test
  void consume_storeFails_failsClosedWith503() {
    RateLimiter l =
        limiter(RateLimitPolicy.fixedWindow("p", 10, Duration.ofMinutes(1))).store(failing).build();
    RateLimitDecision d = l.consume("k");
    assertThat(d.outcome()).isEqualTo(RateLimitDecision.Outcome.UNAVAILABLE);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("excess_rate_limit_store_unavailable");
    assertThat(events.get(0).toString()).doesNotContain("connection reset");
  }

  @Test
  void consume_storeThrowsSomethingElse_isABugAndPropagates() {
    IllegalArgumentException bug = new IllegalArgumentException("bug in a store");
    RateLimiter l =
        limiter(RateLimitPolicy.fixedWindow("p", 10, Duration.ofMinutes(1)))
            .store(
                command -> {
                  throw bug;
                })
            .build();
    assertThatThrownBy(() -> l.consume("k")).isSameAs(bug);
    assertThat(events).isEmpty();
  }

  @Test
  void consume_storeFails_decisionKeepsTheStoreExceptionAndItsCause() {
    java.io.IOException reset = new java.io.IOException("connection reset");
    RateLimitStoreException outage = new RateLimitStoreException("decision failed", reset);
    RateLimiter l =
        limiter(RateLimitPolicy.fixedWindow("p", 10, Duration.ofMinutes(1)))
            .store(
                command -> {
                  throw outage;
                })
            .build();
    RateLimitDecision d = l.consume("k");
    assertThat(d.failure()).containsSame(outage);
    assertThat(d.failure().get().getCause()).isSameAs(reset);
    assertThat(events.get(0).fields())
        .containsEntry("error", "RateLimitStoreException")
        .containsEntry("cause", "java.io.IOException");
  }

  @Test
  void consume_storeFailsWithInsurance_decidesInMemory() {
    RateLimiter l =
        limiter(RateLimitPolicy.fixedWindow("p", 2, Duration.ofMinutes(1)))
            .store(failing)
            .onStoreFailure(StoreFailurePolicy.insurance(InMemoryRateLimitStore.create()))
            .build();
    assertThat(l.consume("k").isAllowed()).isTrue();
    assertThat(l.consume("k").isAllowed()).isTrue();
    assertThat(l.consume("k").outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
  }

  /**
   * Issue 10 item 7: a printable key of up to 100 characters (an API key, an e-mail) went in clear.
   */
  @Test
  void consume_anyKey_storedAsKeyedHashOnly() {
    List<String> seen = new ArrayList<>();
    InMemoryRateLimitStore real = InMemoryRateLimitStore.create();
    Keyring ring = Keyring.create(k -> k.secret(Secrets.generate()));
    RateLimitStore recording =
        c -> {
          seen.addAll(c.keys());
          return real.execute(c);
        };
    RateLimiter l =
        limiter(RateLimitPolicy.fixedWindow("p", 2, Duration.ofMinutes(1)))
            .store(recording)
            .keyring(ring)
            .build();
    List<String> subjects =
        List.of("x".repeat(5000), "sk_live_51Hxyz", "alice@example.com", "192.0.2.1");
    subjects.forEach(l::consume);
    assertThat(seen).hasSize(4).allSatisfy(k -> assertThat(k).matches("p:[A-Za-z0-9_-]{22}"));
    for (String subject : subjects) {
      assertThat(seen).noneMatch(k -> k.contains(subject));
    }
    // Instances sharing the keyring share the names (so they share the counts); others do not.
    RateLimiter sameRing =
        limiter(RateLimitPolicy.fixedWindow("p", 2, Duration.ofMinutes(1))).keyring(ring).build();
    RateLimiter otherRing =
        limiter(RateLimitPolicy.fixedWindow("p", 2, Duration.ofMinutes(1)))
            .keyring(Keyring.create(k -> k.secret(Secrets.generate())))
            .build();
    assertThat(seen.get(3))
        .isEqualTo("p:" + sameRing.subjectHash("192.0.2.1"))
        .isNotEqualTo("p:" + otherRing.subjectHash("192.0.2.1"));
  }

  @Test
  void consume_pointsAboveLimit_rejectedAsProgrammingError() {
    RateLimiter l = limiter(RateLimitPolicy.fixedWindow("p", 5, Duration.ofMinutes(1))).build();
    assertThatThrownBy(() -> l.consume("k", 6))
        .hasMessage("points must be at most policy 'p' limit 5, was 6");
    assertThatThrownBy(() -> l.consume("k", 0))
        .hasMessage("points must be between 1 and 1000000000, was 0");
  }

  @Test
  void consumeAll_differentStores_refusedAtOnce() {
    RateLimiter a = limiter(RateLimitPolicy.fixedWindow("a", 5, Duration.ofMinutes(1))).build();
    RateLimiter b = limiter(RateLimitPolicy.fixedWindow("b", 5, Duration.ofMinutes(1))).build();
    assertThatThrownBy(() -> RateLimiter.consumeAll(1, a.on("k"), b.on("k")))
        .hasMessageContaining("use different stores");
  }

  @Test
  void consumeAll_perTargetPoints_eachSpendsItsOwn() {
    RateLimitStore store = InMemoryRateLimitStore.create();
    RateLimiter a =
        limiter(RateLimitPolicy.fixedWindow("a", 10, Duration.ofMinutes(1))).store(store).build();
    RateLimiter b =
        limiter(RateLimitPolicy.fixedWindow("b", 10, Duration.ofMinutes(1))).store(store).build();
    RateLimitDecision d = RateLimiter.consumeAll(a.on("k", 3), b.on("k"));
    assertThat(d.statuses()).extracting(LimitStatus::remaining).containsExactly(7L, 9L);
    assertThatThrownBy(() -> a.on("k", 11))
        .hasMessage("points must be at most policy 'a' limit 10, was 11");
  }

  @Test
  void tokenBucket_penaltyMakesDebt_rewardRepays() {
    RateLimiter l =
        limiter(RateLimitPolicy.builder("b").tokenBucket(2, 1, Duration.ofSeconds(1)).build())
            .build();
    l.penalty("k", 4); // two tokens of debt
    RateLimitDecision d = l.consume("k");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    l.reward("k", 3);
    assertThat(l.consume("k").isAllowed()).isTrue();
  }

  @Test
  void encodeDecode_roundTripsAndRefusesUnknownVersion() {
    LimitState s = LimitState.of(1L, 2L, 3L);
    LimitState back = LimitState.decode(s.encode());
    assertThat(back.a()).isEqualTo(1L);
    assertThat(back.b()).isEqualTo(2L);
    assertThat(back.blockedUntilMicros()).isEqualTo(3L);
    byte[] future = s.encode();
    future[0] = 2;
    assertThat(LimitState.decode(future)).isNull();
    assertThat(LimitState.decode(new byte[3])).isNull();
  }
}
