package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.keys.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** armet.env=production refuses unsafe settings through Boot's FailureAnalyzer report. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionRefusalTest {
  private static void start(String... properties) {
    new SpringApplicationBuilder(PlainApp.class).properties("server.port=0", Samples.NO_SECURITY)
        .properties(properties).run().close();
  }

  @Test
  void production_withoutSecrets_refused_namingArmetSecrets(CapturedOutput output) {
    assertThatThrownBy(() -> start("armet.env=production")).isInstanceOf(Exception.class);
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
        .contains("Armet refused to start: the property 'armet.secrets'")
        .contains("Set 'armet.secrets': give at least one strong secret");
  }

  @Test
  void production_withInMemoryStore_refused_namingArmetStore(CapturedOutput output) {
    assertThatThrownBy(() -> start("armet.env=production",
        "armet.secrets=" + Secrets.generate())).isInstanceOf(Exception.class);
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
        .contains("the property 'armet.store'").contains("Set 'armet.store': use a shared store");
  }

  @Test
  void production_withFrameworkForwardedHeaders_refused(CapturedOutput output) {
    assertThatThrownBy(() -> start("armet.env=production", "armet.store=redis",
        "armet.secrets=" + Secrets.generate(), "server.forward-headers-strategy=framework"))
        .isInstanceOf(Exception.class);
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
        .contains("the property 'server.forward-headers-strategy'")
        .contains("armet.proxies.trusted");
  }

  @Test
  void production_withSharedStoreAndSecret_starts() {
    start("armet.env=production", "armet.store=redis", "armet.secrets=" + Secrets.generate());
  }
}
