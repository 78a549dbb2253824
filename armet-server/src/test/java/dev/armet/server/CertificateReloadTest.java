package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.env.ArmetEnvironment;
import dev.armet.testing.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A renewal replaces the PEM files under the running server: new connections get the new
 * certificate, a connection opened before keeps working, and a broken renewal leaves the working
 * certificate in service.
 */
class CertificateReloadTest {
  @TempDir Path dir;

  @Test
  void renewedFiles_areServedToNewConnections_whileOpenConnectionsKeepWorking() throws Exception {
    TestCertificates.Ca ca = TestCertificates.ca();
    Path live = dir.resolve("live");
    TestCertificates.issue(
        ca, live, "first.test", TestCertificates.KeyFormat.SEC1_EC, Duration.ofDays(90));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger("armet.server.tls")).addAppender(log);
    try (ArmetServer server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .dataDirectory(dir)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp())
                        .tls(
                            t ->
                                t.certificate(
                                        live.resolve("fullchain.pem"), live.resolve("privkey.pem"))
                                    .reloadInterval(Duration.ofMillis(100))))
            .start()) {
      SSLContext trust = TestTls.trusting(ca.certificate());
      SSLSocket old = connect(trust, server);
      assertThat(subject(old)).isEqualTo("CN=first.test");
      assertThat(get(old)).startsWith("HTTP/1.1 200");

      // A renewal, written as certbot does: complete new files, then put in place.
      Path next = dir.resolve("next");
      TestCertificates.issue(
          ca, next, "second.test", TestCertificates.KeyFormat.PKCS8_RSA, Duration.ofDays(90));
      Files.move(
          next.resolve("privkey.pem"),
          live.resolve("privkey.pem"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          next.resolve("fullchain.pem"),
          live.resolve("fullchain.pem"),
          StandardCopyOption.REPLACE_EXISTING);

      Poll.until(
          Duration.ofSeconds(30),
          "the renewed certificate is served",
          () -> newConnectionSubject(trust, server),
          "CN=second.test"::equals);
      assertThat(server.certificate().getSubjectX500Principal().getName())
          .isEqualTo("CN=second.test");
      assertThat(get(old)).as("the connection opened before the reload").startsWith("HTTP/1.1 200");
      assertThat(subject(old)).isEqualTo("CN=first.test");

      // A broken renewal: a certificate whose key does not match. Logged once; the old pair stays.
      TestCertificates.issue(
          ca,
          dir.resolve("bad"),
          "third.test",
          TestCertificates.KeyFormat.PKCS8_EC,
          Duration.ofDays(90));
      Files.copy(
          dir.resolve("bad/fullchain.pem"),
          live.resolve("fullchain.pem"),
          StandardCopyOption.REPLACE_EXISTING);
      Poll.until(
          Duration.ofSeconds(30),
          "the broken renewal is logged",
          () ->
              log.list.stream()
                  .anyMatch(e -> e.getFormattedMessage().contains("could not be used")),
          Boolean::booleanValue);
      assertThat(newConnectionSubject(trust, server)).isEqualTo("CN=second.test");
      assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains("PRIVATE KEY"));
      old.close();
    } finally {
      ((Logger) LoggerFactory.getLogger("armet.server.tls")).detachAppender(log);
    }
  }

  private static SSLSocket connect(SSLContext trust, ArmetServer server) throws IOException {
    SSLSocket socket =
        (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", server.httpsPort());
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    socket.startHandshake();
    return socket;
  }

  private static String newConnectionSubject(SSLContext trust, ArmetServer server)
      throws IOException {
    try (SSLSocket socket = connect(trust, server)) {
      return subject(socket);
    }
  }

  private static String subject(SSLSocket socket) throws IOException {
    return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
        .getSubjectX500Principal()
        .getName();
  }

  /** One keep-alive request on an open connection; returns the response head and body. */
  private static String get(SSLSocket socket) throws IOException {
    socket
        .getOutputStream()
        .write(
            "GET /app/ok HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return RawHttp.readOne(socket.getInputStream());
  }
}
