package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A client's malformed request is the client's error: it is answered with a 4xx and never logged at
 * ERROR (with or without a stack trace), however often it is sent.
 */
class ClientErrorLoggingTest {
  @TempDir static Path data;
  static ArmetServer server;
  ListAppender<ILoggingEvent> records;
  Level rootLevel;

  @BeforeAll
  static void start() throws Exception {
    server =
        ArmetServer.create(
                c ->
                    TestCertificates.production(c, data.resolve("pem"))
                        .httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp()))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void capture() {
    records = new ListAppender<>();
    records.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(records);
    ((Logger) LoggerFactory.getLogger("armet.server.error")).addAppender(records);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(records);
    ((Logger) LoggerFactory.getLogger("armet.server.error")).detachAppender(records);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /\n\n",
        "GET /\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n",
        "\u0001\u0002 / HTTP/1.1\r\n\r\n"
      })
  void malformedRequest_sentRepeatedly_isRefusedAndNeverLoggedAtError(String request)
      throws Exception {
    for (int i = 0; i < 5; i++) {
      RawHttp.Response response =
          RawHttp.sendTls(TestTls.trusting(server.certificate()), server.httpsPort(), request);
      // 505 is the answer to an HTTP/0.9 request line: still the client's error.
      assertThat(response.status())
          .satisfiesAnyOf(
              s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isEqualTo(505));
    }
    assertThat(records.list).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
    assertThat(records.list).noneSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
  }
}
