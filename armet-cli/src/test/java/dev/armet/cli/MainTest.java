package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: every path that returns without serving. */
class MainTest {
  @TempDir Path data;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void version_printsVersionAndExitsZero() {
    assertThat(run("--version")).isEqualTo(Main.OK);
    assertThat(out.toString()).startsWith("armet 0.").contains("Java 25");
  }

  @Test
  void help_listsDemoAndExitCodes() {
    assertThat(run("--help")).isEqualTo(Main.OK);
    assertThat(out.toString())
        .contains("demo", "serve", "doctor", "Exit codes:", "2   usage or configuration error");
  }

  @Test
  void demoHelp_listsOptionsWithDefaults() {
    assertThat(run("demo", "--help")).isEqualTo(Main.OK);
    assertThat(out.toString())
        .contains(
            "--https-port=N",
            "else 8443",
            "--http-port=N",
            "else 8080",
            "--data=DIR",
            "else ./data",
            "--config=FILE",
            "--user=USER",
            "--group=GROUP",
            "Exit codes:");
  }

  @Test
  void noVerb_isUsageError() {
    assertThat(run()).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("a command is needed", "Usage: armet");
  }

  @Test
  void unknownVerb_isUsageError() {
    assertThat(run("serve-forever")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("serve-forever");
  }

  @Test
  void demo_withNonNumericPort_isUsageError() {
    assertThat(run("demo", "--https-port", "lots")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--https-port", "lots");
  }

  @Test
  void demo_withPortOutOfRange_isUsageError() {
    assertThat(run("demo", "--https-port", "70000", "--data", data.toString()))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .contains("--https-port must be between 0 and 65535", "70000", "Usage: armet demo");
  }

  @Test
  void demo_withSamePorts_isUsageError() {
    assertThat(
            run("demo", "--https-port", "9443", "--http-port", "9443", "--data", data.toString()))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("must differ");
  }

  @Test
  void demo_withPortInUse_isRuntimeFailure() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int code =
          run(
              "demo",
              "--https-port",
              String.valueOf(busy.getLocalPort()),
              "--http-port",
              "0",
              "--data",
              data.toString());
      assertThat(code).isEqualTo(Main.FAILURE);
      assertThat(err.toString()).contains("could not start", String.valueOf(busy.getLocalPort()));
    }
  }
}
