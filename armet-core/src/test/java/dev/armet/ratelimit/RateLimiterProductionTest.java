package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.keys.Secrets;
import dev.armet.spi.RateLimitStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production refuses what used to fall back to memory or to a per-process hash key. */
class RateLimiterProductionTest {
  static final RateLimitPolicy POLICY = RateLimitPolicy.fixedWindow("p", 5, Duration.ofMinutes(1));
  static final Map<String, String> SECRETS = Map.of(Secrets.VARIABLE, Secrets.generate());

  /** A stand-in for a shared store (Redis, JDBC): anything that is not the in-memory store. */
  static RateLimitStore shared() {
    return InMemoryRateLimitStore.create()::execute;
  }

  @Test
  void production_noStore_isRefused_notAnInMemoryFallback() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS);
    assertThatThrownBy(() -> RateLimiter.builder(POLICY).gate(gate).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "rateLimiter.store: no store configured, so the in-memory store keeps counters"
                + " per instance and loses them on restart; use the Redis or JDBC rate-limit store"
                + " (RedisStores.rateLimits(), JdbcStores.rateLimits()) (ARMET_ENV=production)");
  }

  @Test
  void production_inMemoryStoreGiven_isRefused() {
    assertThatThrownBy(
            () ->
                RateLimiter.builder(POLICY)
                    .store(InMemoryRateLimitStore.create())
                    .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rateLimiter.store: the in-memory");
  }

  @Test
  void production_sharedStoreWithoutSecrets_isRefused_asEachInstanceWouldHashApart() {
    assertThatThrownBy(
            () ->
                RateLimiter.builder(POLICY)
                    .store(shared())
                    .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, Map.of()))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rateLimiter.keyring: ")
        .hasMessageContaining("ARMET_SECRETS");
  }

  @Test
  void production_sharedStoreAndSecrets_hashesUnderTheSecret_likeEveryInstance() {
    RateLimitStore store = shared();
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS);
    RateLimiter one = RateLimiter.builder(POLICY).store(store).gate(gate).build();
    RateLimiter two =
        RateLimiter.builder(POLICY)
            .store(store)
            .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS))
            .build();
    assertThat(one.subjectHash("198.51.100.7")).isEqualTo(two.subjectHash("198.51.100.7"));
    assertThat(one.consume("198.51.100.7").isAllowed()).isTrue();
    assertThat(two.get("198.51.100.7").status().consumed()).isEqualTo(1);
  }

  @Test
  void development_noStore_staysInMemory_asBefore() {
    RateLimiter limiter =
        RateLimiter.builder(POLICY).environment(ArmetEnvironment.DEVELOPMENT).build();
    assertThat(limiter.store()).isInstanceOf(InMemoryRateLimitStore.class);
    assertThat(limiter.consume("k").isAllowed()).isTrue();
  }
}
