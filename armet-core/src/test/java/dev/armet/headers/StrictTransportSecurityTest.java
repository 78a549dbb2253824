package dev.armet.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StrictTransportSecurityTest {
  @Test
  void defaults_oneYearWithSubdomains() {
    assertThat(StrictTransportSecurity.defaults())
        .hasToString("max-age=31536000; includeSubDomains");
  }

  @Test
  void of_withoutSubdomains_rendersMaxAgeOnly() {
    assertThat(StrictTransportSecurity.of(Duration.ofSeconds(0), false, false))
        .hasToString("max-age=0");
  }

  @Test
  void preload_withoutIncludeSubDomains_refused() {
    assertThatThrownBy(() -> StrictTransportSecurity.of(Duration.ofDays(365), false, true))
        .hasMessageContaining("preload requires includeSubDomains");
  }

  @Test
  void preload_withShortMaxAge_refused() {
    assertThatThrownBy(() -> StrictTransportSecurity.of(Duration.ofDays(364), true, true))
        .hasMessageContaining("max-age >= 31536000");
  }

  @Test
  void negativeMaxAge_refused() {
    assertThatThrownBy(() -> StrictTransportSecurity.of(Duration.ofSeconds(-1), true, false))
        .hasMessageContaining("max-age must be >= 0, was -1");
  }
}
