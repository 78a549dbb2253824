package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Severity;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.keys.Keyring;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsrfProtectionBuilderTest {
  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.parameterName(""),
            "parameterName must be 1-64 letters, digits, '-', '_' or '.', was ''"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.headerName("X CSRF"),
            "headerName must be 1-64 letters, digits, '-', '_' or '.', was 'X CSRF'"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.headerName(null),
            "headerName must be 1-64 letters, digits, '-', '_' or '.', was null"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.readableCookie("csrf"),
            "readableCookie must not be 'csrf', the name of Armet's HttpOnly CSRF cookie"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.readableCookie("a;b"),
            "readableCookie must be 1-64"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.allowOrigins("https://a.example/path"),
            "not an origin (scheme://host[:port], no path): 'https://a.example/path'"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.allowOrigins("null"), "not an origin"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.exempt("webhooks"),
            "path pattern must start with '/', was 'webhooks'"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.exempt("/*/admin"),
            "path pattern may only end with '/*'"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>)
                c ->
                    c.fetchMetadata(Enforcement.OFF).origin(Enforcement.OFF).token(Enforcement.OFF),
            "every layer is OFF"),
        Arguments.of(
            (Consumer<CsrfProtectionBuilder>) c -> c.origin(Enforcement.OFF).token(Enforcement.OFF),
            "browsers without Fetch Metadata are unprotected"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void build_invalid_namesSettingAndValue(Consumer<CsrfProtectionBuilder> config, String message) {
    assertThatThrownBy(
            () ->
                CsrfProtection.create(
                    c -> {
                      c.environment(ArmetEnvironment.DEVELOPMENT).keyring(CsrfProtectionTest.RING);
                      config.accept(c);
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void build_inProductionWithGeneratedKeys_refused() {
    Keyring generated = Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT));
    assertThatThrownBy(
            () ->
                CsrfProtection.create(
                    c -> c.environment(ArmetEnvironment.PRODUCTION).keyring(generated)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("csrf.keyring")
        .hasMessageContaining("ARMET_SECRETS");
  }

  @Test
  void build_inProductionWithoutSecrets_refusedByTheGate_namingTheSetting() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, Map.of());
    assertThatThrownBy(() -> CsrfProtection.create(c -> c.gate(gate)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("csrf.keyring: ")
        .hasMessageEndingWith(
            "; set ARMET_SECRETS to the output of `armet keys generate`"
                + " (ARMET_ENV=production)");
  }

  @Test
  void recordingGate_listsTheRefusal_insteadOfThrowing() {
    ProductionGate gate = ProductionGate.recording(ArmetEnvironment.PRODUCTION, Map.of());
    Keyring generated = Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT));
    CsrfProtection.create(c -> c.gate(gate).keyring(generated));
    assertThat(gate.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.topic()).isEqualTo("secrets");
              assertThat(f.message())
                  .isEqualTo("csrf.keyring: a secret is missing, generated or weak");
            });
  }
}
