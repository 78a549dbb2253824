package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Finding;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.keys.Secrets;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.spi.RateLimitStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP rate limits in production: the core gate refuses the in-memory fallback. */
class HttpRateLimitsProductionTest {
  static final Map<String, String> SECRETS = Map.of(Secrets.VARIABLE, Secrets.generate());
  static final RateLimitPolicy LOGIN =
      RateLimitPolicy.fixedWindow("login", 5, Duration.ofMinutes(1));

  static ProductionGate production() {
    return ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS);
  }

  @Test
  void production_noStore_isRefused_notAnInMemoryFallback() {
    assertThatThrownBy(
            () ->
                HttpRateLimits.builder()
                    .gate(production())
                    .route("/login", r -> r.limit(LOGIN))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "rateLimits.store: no store configured, so the in-memory store keeps counters"
                + " per instance and loses them on restart; use the Redis or JDBC rate-limit store"
                + " (RedisStores.rateLimits(), JdbcStores.rateLimits()) (ARMET_ENV=production)");
  }

  @Test
  void productionFilter_refusesLimitsBuiltForDevelopmentInMemory() {
    HttpRateLimits developmentLimits =
        HttpRateLimits.builder()
            .environment(ArmetEnvironment.DEVELOPMENT)
            .route("/login", r -> r.limit(LOGIN))
            .build();
    assertThatThrownBy(
            () ->
                ArmetFilter.create(
                    f -> f.gate(production()).noSessions().noCsrf().rateLimits(developmentLimits)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "rateLimits.store: the in-memory store keeps counters per instance");
  }

  @Test
  void production_sharedStoreWithoutSecrets_isRefused() {
    RateLimitStore shared = InMemoryRateLimitStore.create()::execute;
    assertThatThrownBy(
            () ->
                HttpRateLimits.builder()
                    .store(shared)
                    .gate(ProductionGate.of(ArmetEnvironment.PRODUCTION, Map.of()))
                    .route("/login", r -> r.limit(LOGIN))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rateLimits.keyring: ")
        .hasMessageContaining("ARMET_SECRETS");
  }

  @Test
  void production_sharedStore_builds() {
    RateLimitStore shared = InMemoryRateLimitStore.create()::execute;
    assertThatCode(
            () ->
                ArmetFilter.create(
                    f ->
                        f.gate(production())
                            .noSessions()
                            .noCsrf()
                            .rateLimits(
                                HttpRateLimits.builder()
                                    .store(shared)
                                    .gate(production())
                                    .route("/login", r -> r.limit(LOGIN))
                                    .build())))
        .doesNotThrowAnyException();
  }

  @Test
  void recordingGate_listsTheFilterRefusals_forDoctor() {
    ProductionGate gate = ProductionGate.recording(ArmetEnvironment.PRODUCTION, Map.of());
    ArmetFilter.create(
        f ->
            f.gate(gate)
                .rateLimits(
                    HttpRateLimits.builder()
                        .gate(gate)
                        .route("/login", r -> r.limit(LOGIN))
                        .build()));
    assertThat(gate.findings())
        .extracting(Finding::message)
        .anyMatch(m -> m.startsWith("rateLimits.store: no store configured"))
        .anyMatch(m -> m.startsWith("rateLimits.keyring: "))
        .anyMatch(m -> m.startsWith("sessions.keyring: "))
        .anyMatch(m -> m.startsWith("sessions.store: no store configured"));
  }
}
