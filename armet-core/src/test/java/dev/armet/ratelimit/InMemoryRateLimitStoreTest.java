package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.spi.RateLimitStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
  @Override
  protected RateLimitStore newStore() {
    return InMemoryRateLimitStore.create();
  }

  @Override
  protected List<String> storedText(RateLimitStore store) {
    return ((InMemoryRateLimitStore) store).keys();
  }

  @Test
  void flood_millionDistinctKeys_staysUnderCap() {
    InMemoryRateLimitStore store = InMemoryRateLimitStore.withMaxKeys(100_000);
    RateLimiter limiter =
        limiter(store, RateLimitPolicy.fixedWindow("flood", 10, Duration.ofHours(1)));
    for (int i = 0; i < 1_000_000; i++) {
      limiter.consume("10." + (i >>> 16) + "." + ((i >>> 8) & 255) + "." + (i & 255));
    }
    // Memory follows the key count (about 200 bytes a key, see docs/PERFORMANCE.md): cap the count.
    assertThat(store.size()).isLessThanOrEqualTo(100_032); // cap rounded up to 64 segments
    assertThat(store.evictions()).isGreaterThanOrEqualTo(1_000_000 - 100_032);
  }

  @Test
  void flood_blockedKeySurvivesEviction() {
    InMemoryRateLimitStore store = InMemoryRateLimitStore.withMaxKeys(64 * 16);
    RateLimiter limiter =
        limiter(
            store,
            RateLimitPolicy.builder("keep")
                .fixedWindow(1, Duration.ofSeconds(10))
                .blockDuration(Duration.ofHours(1))
                .build());
    limiter.consume("attacker");
    limiter.consume("attacker");
    for (int i = 0; i < 200_000; i++) {
      limiter.consume("flood-" + i);
    }
    assertThat(limiter.consume("attacker").isAllowed()).isFalse();
  }

  @Test
  void expiredKeys_areReclaimed() {
    InMemoryRateLimitStore store = InMemoryRateLimitStore.create();
    RateLimiter limiter =
        limiter(store, RateLimitPolicy.fixedWindow("gc", 5, Duration.ofSeconds(30)));
    for (int i = 0; i < 5_000; i++) {
      limiter.consume("k" + i);
    }
    assertThat(store.size()).isEqualTo(5_000);
    clock.advance(Duration.ofSeconds(31));
    store.sweep(clock.micros());
    assertThat(store.size()).isZero();
  }

  @Test
  void periodicSweep_withoutManualSweep_reclaimsExpiredKeysByItself() {
    InMemoryRateLimitStore store = InMemoryRateLimitStore.create();
    RateLimiter limiter =
        limiter(store, RateLimitPolicy.fixedWindow("sweep", 5, Duration.ofSeconds(30)));
    for (int i = 0; i < 5_000; i++) {
      limiter.consume("old" + i);
    }
    clock.advance(Duration.ofSeconds(31));
    for (int i = 0; i < 1_000; i++) { // fresh writes reach every segment; each sweeps its own
      limiter.consume("new" + i);
    }
    assertThat(store.size())
        .as("the 5,000 expired keys were swept as the store went")
        .isEqualTo(1_000);
    assertThat(store.evictions()).isZero();
  }

  @Test
  void bucketAtFullCapacity_isNotStored() {
    InMemoryRateLimitStore store = InMemoryRateLimitStore.create();
    RateLimiter limiter =
        limiter(store, RateLimitPolicy.tokenBucket("full", 10, Duration.ofSeconds(10)));
    limiter.consume("k");
    clock.advance(Duration.ofSeconds(1));
    limiter.get("k");
    limiter.reward("k", 1);
    assertThat(store.size()).isZero();
  }

  @Test
  void withMaxKeys_outOfRange_saysBound() {
    assertThatThrownBy(() -> InMemoryRateLimitStore.withMaxKeys(10))
        .hasMessage(
            "maxKeys must be between 64 and 100000000, was 10 (each key takes about 200 bytes)");
  }
}
