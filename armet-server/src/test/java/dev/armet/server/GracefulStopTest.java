package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.testing.Poll;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping lets a request in flight finish instead of cutting its connection. */
class GracefulStopTest {
  @TempDir Path data;

  @Test
  void stop_withRequestInFlight_letsItFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServlet slow =
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            resp.getWriter().write("finished");
          }
        };
    ArmetServer server =
        ArmetServer.create(
                c ->
                    TestCertificates.production(c, data.resolve("pem"))
                        .httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .stopTimeout(Duration.ofSeconds(20))
                        .servlet("/slow", slow))
            .start();

    CompletableFuture<HttpResponse<String>> inFlight =
        TestTls.client(server.certificate())
            .sendAsync(
                HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.httpsPort() + "/slow"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping =
        CompletableFuture.runAsync(
            () -> {
              try {
                server.stop();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    GracefulHandler graceful = (GracefulHandler) server.jetty().getHandler();
    // The stop has begun once the handler refuses new work.
    Poll.until(Duration.ofSeconds(30), "graceful shutdown began", graceful::isShutdown);
    assertThat(stopping).isNotDone();

    release.countDown();
    HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("finished");
    stopping.get(30, TimeUnit.SECONDS);
    assertThat(server.jetty().isStopped()).isTrue();
  }
}
