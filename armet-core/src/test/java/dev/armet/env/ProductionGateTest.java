package dev.armet.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Finding;
import dev.armet.check.Severity;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.RateLimitStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionGateTest {
  static final Map<String, String> NO_SECRETS = Map.of();
  static final Map<String, String> SECRETS = Map.of(Secrets.VARIABLE, Secrets.generate());

  @Test
  void production_refusal_throwsNamingSettingProblemAndFix() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, NO_SECRETS);
    assertThatThrownBy(() -> gate.refuse("rateLimiter.store", "it is in memory", "use Redis"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rateLimiter.store: it is in memory; use Redis (ARMET_ENV=production)");
    assertThat(gate.findings())
        .containsExactly(
            Finding.error("stores", "rateLimiter.store: it is in memory", "use Redis"));
  }

  @Test
  void development_refusal_isAWarningAndGoesOn() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.DEVELOPMENT, NO_SECRETS);
    gate.refuse("sessions.cookie", "'sid' is not Secure", "call secure(true)");
    assertThat(gate.findings())
        .containsExactly(
            Finding.warning(
                "cookies", "sessions.cookie: 'sid' is not Secure", "call secure(true)"));
  }

  @Test
  void recording_neverThrows_collectsEachFindingOnce_andIsTheSelfCheck() {
    ProductionGate gate = ProductionGate.recording(ArmetEnvironment.PRODUCTION, NO_SECRETS);
    gate.rateLimitStore("rateLimits.store", null);
    gate.rateLimitStore("rateLimits.store", null);
    gate.sessionStore("sessions.store", new MemorySessionStore());
    assertThat(gate.check(ArmetEnvironment.PRODUCTION))
        .extracting(Finding::severity, Finding::topic)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "stores"),
            org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "stores"));
    assertThat(gate.findings().get(0).message())
        .isEqualTo(
            "rateLimits.store: no store configured,"
                + " so the in-memory store keeps counters per instance and loses them on restart");
    assertThat(gate.findings().get(0).fix()).contains("Redis or JDBC rate-limit store");
  }

  @Test
  void production_withoutSecrets_refusesTheKeyring_namingArmetSecrets() {
    assertThatThrownBy(
            () ->
                ProductionGate.of(ArmetEnvironment.PRODUCTION, NO_SECRETS)
                    .keyring("csrf.keyring", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("csrf.keyring: ")
        .hasMessageContaining("set ARMET_SECRETS to the output of `armet keys generate`");
  }

  @Test
  void recording_withoutSecrets_findsOneSecretsError_andStillGivesAKeyring() {
    ProductionGate gate = ProductionGate.recording(ArmetEnvironment.PRODUCTION, NO_SECRETS);
    Keyring stopGap = gate.keyring("sessions.keyring", null);
    assertThat(gate.keyring("csrf.keyring", stopGap)).isSameAs(stopGap);
    assertThat(gate.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.topic()).isEqualTo("secrets");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.fix()).contains("ARMET_SECRETS");
            });
  }

  @Test
  void production_withSecrets_givesAProductionReadyKeyring() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS);
    assertThat(gate.keyring("sessions.keyring", null).isProductionReady()).isTrue();
    assertThat(gate.subjectKeyring("rateLimiter.keyring", null)).isNotNull();
    assertThat(gate.findings()).isEmpty();
  }

  @Test
  void development_subjectKeyring_staysTheProcessDefault() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.DEVELOPMENT, NO_SECRETS);
    assertThat(gate.subjectKeyring("rateLimiter.keyring", null)).isNull();
    assertThat(gate.findings()).isEmpty();
  }

  @Test
  void development_inMemoryStores_areTheDefaults() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.DEVELOPMENT, NO_SECRETS);
    assertThat(gate.rateLimitStore("rateLimiter.store", null))
        .isInstanceOf(InMemoryRateLimitStore.class);
    assertThat(gate.sessionStore("sessions.store", null)).isInstanceOf(MemorySessionStore.class);
    // Rate limits in memory are fine for one development process; sessions warn, as before.
    assertThat(gate.findings())
        .extracting(Finding::message)
        .containsExactly(
            "sessions.store: no store configured, so MemorySessionStore loses"
                + " sessions on restart and is not shared between instances");
  }

  @Test
  void production_sharedStores_pass() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, SECRETS);
    RateLimitStore shared = InMemoryRateLimitStore.create()::execute;
    assertThat(gate.rateLimitStore("rateLimiter.store", shared)).isSameAs(shared);
    assertThat(gate.findings()).isEmpty();
  }
}
