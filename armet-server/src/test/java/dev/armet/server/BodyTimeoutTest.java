package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request body sent too slowly meets limits.body-timeout: 408, then the connection is closed. */
class BodyTimeoutTest {
  @TempDir static Path data;
  static ArmetServer server;
  static SSLContext tls;

  @BeforeAll
  static void start() throws Exception {
    server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp())
                        .filter(dev.armet.servlet.ArmetFilter.create(a -> a.noCsrf()))
                        // The idle timeout alone would never fire: a byte arrives every 200 ms.
                        .limits(
                            l ->
                                l.bodyTimeout(Duration.ofSeconds(1))
                                    .idleTimeout(Duration.ofSeconds(30)))
                        .allowRoot(true)
                        .tls(t -> TestCertificates.pemInto(t, data.resolve("pem"))))
            .start();
    tls = TestTls.trusting(server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void bodyDrippedByteByByte_408AndTheConnectionClosed() throws Exception {
    ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.httpsPort())) {
      socket.setSoTimeout(15_000);
      socket.startHandshake();
      socket
          .getOutputStream()
          .write(
              ("POST /app/read HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                      + "Content-Length: 1000\r\n\r\nx")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      drip.scheduleAtFixedRate(
          () -> {
            try {
              socket.getOutputStream().write('x');
              socket.getOutputStream().flush();
            } catch (IOException closed) {
              // the server closed it: what the test waits for
            }
          },
          200,
          200,
          TimeUnit.MILLISECONDS);
      String answer = readUntilClosed(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 408 ");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT))
          .contains("connection: close")
          .doesNotContain("exception", "jetty");
    } finally {
      drip.shutdownNow();
    }
  }

  @Test
  void bodySentInTime_isServed() throws Exception {
    RawHttp.Response r =
        RawHttp.sendTls(
            tls,
            server.httpsPort(),
            "POST /app/read HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("read 5");
  }

  /** Everything until the server closes the connection; fails if it is still open after 15 s. */
  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "still open after 15 s of a dripping body; read: "
              + out.toString(StandardCharsets.ISO_8859_1),
          e);
    } catch (IOException reset) {
      // a reset after the answer is a close too
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
