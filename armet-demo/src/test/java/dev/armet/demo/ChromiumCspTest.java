package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.server.ArmetServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser enforces the demo's CSP: the script with this response's nonce runs, the inline
 * script without it does not, and the browser reports the violation to the endpoint. Needs Debian's
 * {@code chromium} (.ci/run installs it); fails, saying how to install it, when absent.
 */
class ChromiumCspTest {
  @TempDir static Path data;
  static ArmetServer server;
  static final RecordingSink events = new RecordingSink();

  @BeforeAll
  static void start() throws Exception {
    DevTools.chromium(); // fails before the server starts, saying how to install it
    server =
        DemoApplication.create(
                events,
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .dataDirectory(data.resolve("data"))
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .stopAtShutdown(false))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void demoPage_runsNonceScript_blocksOther_andReportsTheViolation() throws Exception {
    events.clear();
    String dom = dumpDom("https://localhost:" + server.httpsPort() + "/");

    assertThat(dom).contains("<p id=\"nonce-check\" class=\"check\">nonce script ran</p>");
    assertThat(dom)
        .contains(
            "<p id=\"blocked-check\" class=\"check\">inline script without nonce was blocked</p>")
        .doesNotContain(">blocked script ran<");
    SecurityEvent report = events.await(e -> e.type().startsWith("csp_"), 60);
    assertThat(report)
        .as("a CSP violation report reached /_armet/csp-report within 60 s")
        .isNotNull();
    assertThat(report.type()).isEqualTo("csp_violation");
    assertThat(report.fields())
        .containsEntry("directive", "script-src-elem")
        .containsEntry("blocked", "inline");
  }

  private String dumpDom(String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(data, "chromium-profile");
    List<String> command = DevTools.headless(profile);
    // Keeps the page alive for 5 s of virtual time, so the violation report is sent before exit.
    command.add("--virtual-time-budget=5000");
    command.add("--dump-dom");
    command.add(url);
    Process browser =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      assertThat(browser.waitFor(120, TimeUnit.SECONDS))
          .as("chromium finished within 120 s")
          .isTrue();
      return out.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("reading chromium's output failed", e);
    } finally {
      browser.destroyForcibly();
    }
  }
}
