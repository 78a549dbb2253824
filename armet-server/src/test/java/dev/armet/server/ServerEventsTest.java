package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The server records sys_startup and sys_shutdown on armet.security, and the libraries'
 * System.Logger reaches SLF4J (where Jetty logs) through the platform-logging bridge.
 */
class ServerEventsTest {
  @TempDir Path data;

  @Test
  void startAndStop_areSysStartupAndSysShutdown_onArmetSecurityInSlf4j() throws Exception {
    ListAppender<ILoggingEvent> records = new ListAppender<>();
    records.start();
    Logger security = (Logger) LoggerFactory.getLogger("armet.security");
    Level previous = security.getLevel();
    security.setLevel(Level.INFO); // the test configuration logs WARN and above
    security.addAppender(records);
    try {
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
                          .servlet("/app/*", new TestApp()))
              .start();
      server.close();
    } finally {
      security.detachAppender(records);
      security.setLevel(previous);
    }
    assertThat(records.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(" event=sys_startup level=INFO ")
                    .contains("mode=\"production\""))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(" event=sys_shutdown level=INFO ")
                    .contains("mode=\"production\""));
    assertThat(records.list)
        .filteredOn(e -> e.getFormattedMessage().contains("event=sys_"))
        .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
  }
}
