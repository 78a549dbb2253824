package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo has one mode, ARMET_ENV's: a server configured for another is refused, not half-applied.
 */
class DemoModeTest {
  @TempDir Path data;

  @Test
  void serverConfiguredForAnotherMode_isRefused() {
    // Whatever ARMET_ENV says here, configure the other mode.
    ArmetEnvironment other =
        ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT).isProduction()
            ? ArmetEnvironment.DEVELOPMENT
            : ArmetEnvironment.PRODUCTION;
    assertThatThrownBy(
            () ->
                DemoApplication.create(
                    new RecordingSink(),
                    c -> c.httpsPort(0).httpPort(0).dataDirectory(data).environment(other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ARMET_ENV")
        .hasMessageContaining(other.value());
  }
}
