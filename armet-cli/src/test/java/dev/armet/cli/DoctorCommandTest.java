package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet doctor} and {@code armet serve} on configuration files, in process. */
class DoctorCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  Path config(String text) throws Exception {
    return Files.writeString(
        dir.resolve("armet.properties"),
        text + "\nserver.data-dir = " + dir.resolve("data") + "\n");
  }

  @Test
  void doctor_inProduction_printsEveryFindingWithSeverityAndFix_andExitsOneOnErrors()
      throws Exception {
    Path f = config("env = production\nserver.https-port = 0\nserver.http-port = 0");
    assertThat(run("doctor", "--config", f.toString())).isEqualTo(Main.FAILURE);
    assertThat(out.toString())
        .contains(
            "armet doctor: production mode",
            "ERROR   certificate",
            "fix: set tls.certificate",
            "INFO    tls",
            "INFO    limits",
            "the server would refuse to start");
    // No ARMET_SECRETS in the test environment: the session key ring is one of the errors.
    assertThat(out.toString()).contains("ERROR   secrets", "armet keys generate");
    // Found by the production gate the sessions were built through, naming the setting.
    assertThat(out.toString()).contains("sessions.keyring: no secret configured");
  }

  @Test
  void doctor_inDevelopment_hasNoErrors() throws Exception {
    Path f = config("env = development\nserver.allow-root = true");
    assertThat(run("doctor", "--config", f.toString())).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("WARNING certificate", "0 error(s)");
  }

  @Test
  void doctor_json_isOneObjectWithTheFindings() throws Exception {
    Path f = config("env = production");
    run("doctor", "--config", f.toString(), "--format", "json");
    assertThat(out.toString().trim())
        .startsWith("{\"mode\":\"production\",\"findings\":[{\"severity\":\"ERROR\"")
        .endsWith("]}")
        .contains("\"topic\":\"certificate\"", "\"fix\":");
  }

  @Test
  void doctor_unknownKey_isAConfigurationError() throws Exception {
    Path f = config("tls.cert = /x");
    assertThat(run("doctor", "--config", f.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("unknown key 'tls.cert'", f.toString());
  }

  @Test
  void serve_inProductionWithErrors_refusesToStart() throws Exception {
    Path f =
        config(
            "env = production\nserver.https-port = 0\nserver.http-port = 0\nserver.bind-address = 127.0.0.1");
    assertThat(run("serve", "--config", f.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .contains("refusing to start in production", "no certificate configured");
  }

  @Test
  void serve_badValue_namesTheKey() throws Exception {
    Path f = config("limits.max-body-bytes = lots");
    assertThat(run("serve", "--config", f.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("limits.max-body-bytes must be a size", "'lots'");
  }
}
