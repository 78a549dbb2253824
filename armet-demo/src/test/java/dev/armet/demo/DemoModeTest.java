package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo has one mode, ARMET_ENV's: a server configured for another is refused, not half-applied. */
class DemoModeTest {
  @TempDir Path data;

  @Test
  void serverConfiguredForAnotherMode_isRefused() {
    assumeTrue(System.getenv("ARMET_ENV") == null, "ARMET_ENV is unset in the test environment");
    assertThatThrownBy(() -> DemoApplication.create(new RecordingSink(), c -> c.httpsPort(0).httpPort(0)
        .dataDirectory(data).environment(ArmetEnvironment.PRODUCTION)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ARMET_ENV").hasMessageContaining("production");
  }
}
