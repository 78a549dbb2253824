package dev.armet.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmetEnvironmentTest {
  @Test
  void from_unset_usesFallback() {
    assertThat(ArmetEnvironment.from(Map.of(), ArmetEnvironment.DEVELOPMENT))
        .isEqualTo(ArmetEnvironment.DEVELOPMENT);
  }

  @Test
  void from_productionAnyCase_isProduction() {
    assertThat(
            ArmetEnvironment.from(
                Map.of("ARMET_ENV", " Production "), ArmetEnvironment.DEVELOPMENT))
        .isEqualTo(ArmetEnvironment.PRODUCTION);
    assertThat(ArmetEnvironment.parse("prod").isProduction()).isTrue();
  }

  @Test
  void from_typo_failsNamingVariable() {
    assertThatThrownBy(
            () ->
                ArmetEnvironment.from(
                    Map.of("ARMET_ENV", "prodution"), ArmetEnvironment.DEVELOPMENT))
        .hasMessage("ARMET_ENV must be 'development' or 'production', was 'prodution'");
  }
}
