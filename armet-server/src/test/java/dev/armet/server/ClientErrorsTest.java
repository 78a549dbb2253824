package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.env.ArmetEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A client's mistakes get a 4xx with the reason, never a 500, an ERROR log line or a stack trace,
 * even in development, where stack traces are for the application's own exceptions.
 */
class ClientErrorsTest {
  @TempDir static Path data;
  static ArmetServer development;
  static HttpClient client;
  static SSLContext tls;
  ListAppender<ILoggingEvent> logged;

  @BeforeAll
  static void start() throws Exception {
    development =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp())
                        .tls(t -> TestCertificates.pemInto(t, data.resolve("pem"))))
            .start();
    tls = TestTls.trusting(development.certificate());
    client = TestTls.client(development.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    development.close();
  }

  @BeforeEach
  void captureLogs() {
    logged = new ListAppender<>();
    logged.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
  }

  void assertNoErrorLogged() {
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-armet-unknown", "\"no such charset\"", "utf-9"})
  void formBody_inAnUnknownCharset_415WithoutAnErrorLog(String charset) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + development.httpsPort() + "/app/params"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=" + charset)
                .POST(HttpRequest.BodyPublishers.ofString("a=1&b=2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("charset").doesNotContain("\tat ");
    assertNoErrorLogged();
  }

  @Test
  void formBody_inAKnownCharset_isNotRefusedForIt() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + development.httpsPort() + "/app/params"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("a=1&b=2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // decoded, then refused by CSRF for its missing token: a 403, not the charset's 415
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/%", "/..%2f..", "/app/%2e%2e/%2e%2e/etc/passwd", "/%zz"})
  void requestJettyRejects_development_showsTheReasonWithoutAStackTrace(String target)
      throws Exception {
    RawHttp.Response response =
        RawHttp.sendTls(
            tls,
            development.httpsPort(),
            "GET "
                + target
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: text/html\r\n\r\n");
    assertThat(response.status()).isBetween(400, 499);
    String body = response.body().toLowerCase(Locale.ROOT);
    assertThat(body).doesNotContain("\tat ", "at org.eclipse", "exception", "<pre>");
    assertThat(body).contains("<dt>message</dt>");
    assertNoErrorLogged();
  }

  @Test
  void applicationException_development_stillShowsItsStackTrace() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + development.httpsPort() + "/app/boom"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("IllegalStateException", "at dev.armet.server.TestApp");
  }
}
