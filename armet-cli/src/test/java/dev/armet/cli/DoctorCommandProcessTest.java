package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet doctor} as a real process: its streams carry only what the command says. */
class DoctorCommandProcessTest {
  @TempDir Path dir;

  @Test
  void doctor_withAJdbcStore_json_stdoutIsOnlyTheJson_stderrIsEmpty() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("armet.properties"),
            String.join(
                "\n",
                "env = development",
                "server.allow-root = true",
                "server.data-dir = " + dir.resolve("data"),
                ""));
    Path stderr = dir.resolve("stderr.txt");
    // sqlite is the JDBC store that needs no server: HikariCP pools it like PostgreSQL and MariaDB.
    // A configured key ring: development's "generated a secret" warning is not what is under test.
    Map<String, String> env = Map.of("ARMET_SECRETS", dev.armet.keys.Secrets.generate());
    try (ArmetProcess doctor =
        ArmetProcess.start(
            env,
            stderr,
            "doctor",
            "--config",
            config.toString(),
            "--store",
            "sqlite",
            "--format",
            "json")) {
      assertThat(doctor.awaitExit()).isEqualTo(Main.OK);
      assertThat(doctor.stdout())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("{\"mode\":\"development\",\"findings\":[")
                      .endsWith("]}"));
      assertThat(Files.readString(stderr)).isEmpty();
    }
  }
}
