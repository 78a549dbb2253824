package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.keys.Secrets;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.session.MemorySessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a secrets failure is reported as a secrets problem; any other refusal says what it is. */
class ServerOptionsTest {
  @TempDir Path dir;
  final StringWriter err = new StringWriter();

  ServerOptions production() throws Exception {
    ServerOptions options = new ServerOptions();
    options.config = Files.writeString(dir.resolve("armet.properties"),
        "env = production\nserver.https-port = 0\nserver.http-port = 0\nserver.data-dir = " + dir.resolve("data") + "\n");
    options.openStores = folder -> new OpenStores(new MemorySessionStore(), InMemoryRateLimitStore.create(), null, () -> { });
    return options;
  }

  @Test
  void create_productionRefusesTheSessionStore_isNotLabelledSecrets() throws Exception {
    ServerOptions options = production();
    options.variables = Map.of(Secrets.VARIABLE, Secrets.generate());
    assertThat(options.create(new PrintWriter(err, true))).isEmpty();
    assertThat(err.toString()).contains("sessions.store", "MemorySessionStore").doesNotContain("secret");
    // (Missing secrets stay a "secrets" finding: DoctorCommandTest.doctor_inProduction_….)
  }
}
