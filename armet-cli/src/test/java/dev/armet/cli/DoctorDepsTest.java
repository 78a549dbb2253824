package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet doctor} with {@code deps.osv}: the jars this JVM runs, checked against OSV data. */
class DoctorDepsTest {
  @Test
  void doctor_vulnerableJarOnTheRunningClasspath_isAnErrorWithTheFix(@TempDir Path dir)
      throws Exception {
    Path osv = Files.createDirectories(dir.resolve("osv"));
    // Synthetic: marks the jackson-databind this test runs with as affected, fixed in 99.0.
    Files.writeString(
        osv.resolve("ARMET-TEST-RUNNING.json"),
        """
        {"id": "ARMET-TEST-RUNNING", "summary": "Synthetic advisory on the running jackson-databind",
         "affected": [{"package": {"ecosystem": "Maven", "name": "com.fasterxml.jackson.core:jackson-databind"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]}],
         "database_specific": {"severity": "CRITICAL"}}
        """);
    Path config =
        Files.writeString(
            dir.resolve("armet.properties"),
            "env = development\nserver.data-dir = "
                + dir.resolve("data")
                + "\ndeps.osv = "
                + osv
                + "\n");
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "doctor",
            "--config",
            config.toString());
    assertThat(code).isEqualTo(Main.FAILURE);
    assertThat(out.toString())
        .contains(
            "ERROR   dependencies",
            "com.fasterxml.jackson.core:jackson-databind:",
            "on the class path: ARMET-TEST-RUNNING (critical)",
            "to 99.0");
  }
}
