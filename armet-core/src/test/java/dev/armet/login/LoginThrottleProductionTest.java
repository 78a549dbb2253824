package dev.armet.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.keys.Secrets;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.spi.RateLimitStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production refuses the in-memory store the throttle used to fall back to without a word. */
class LoginThrottleProductionTest {
  static final Map<String, String> SECRETS = Map.of(Secrets.VARIABLE, Secrets.generate());

  @Test
  void production_noStore_isRefused_notAnInMemoryFallback() {
    assertThatThrownBy(
            () ->
                LoginThrottle.builder()
                    .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "loginThrottle.store: no store configured, so the in-memory store"
                + " keeps counters per instance")
        .hasMessageEndingWith("(ARMET_ENV=production)");
  }

  @Test
  void production_inMemoryStoreGiven_isRefused() {
    assertThatThrownBy(
            () ->
                LoginThrottle.builder()
                    .store(InMemoryRateLimitStore.create())
                    .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loginThrottle.store: the in-memory store")
        .hasMessageContaining("Redis or JDBC rate-limit store");
  }

  @Test
  void production_sharedStoreWithoutSecrets_isRefused() {
    RateLimitStore shared = InMemoryRateLimitStore.create()::execute;
    assertThatThrownBy(
            () ->
                LoginThrottle.builder()
                    .store(shared)
                    .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, Map.of()))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("loginThrottle.keyring: ")
        .hasMessageContaining("ARMET_SECRETS");
  }

  @Test
  void production_sharedStoreAndSecrets_throttles() {
    RateLimitStore shared = InMemoryRateLimitStore.create()::execute;
    LoginThrottle throttle =
        LoginThrottle.builder()
            .store(shared)
            .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS))
            .build();
    assertThat(throttle.check("alice", "198.51.100.7").allowed()).isTrue();
  }

  @Test
  void development_defaults_stayInMemory_asBefore() {
    LoginThrottle throttle =
        LoginThrottle.builder().environment(ArmetEnvironment.DEVELOPMENT).build();
    assertThat(throttle.check("alice", "198.51.100.7").allowed()).isTrue();
  }
}
