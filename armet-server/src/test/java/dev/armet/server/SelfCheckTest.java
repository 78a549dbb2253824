package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Finding;
import dev.armet.check.SelfCheckReport;
import dev.armet.check.Severity;
import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Production refuses what the self-check calls an error; development starts and warns. */
class SelfCheckTest {
  @TempDir Path dir;

  ArmetServer server(ArmetEnvironment env, Consumer<ArmetServerConfig.Builder> more) {
    return ArmetServer.create(
        c -> {
          c.httpsPort(0)
              .httpPort(0)
              .bindAddress("127.0.0.1")
              .environment(env)
              .dataDirectory(dir)
              .stopAtShutdown(false);
          more.accept(c);
        });
  }

  @Test
  void production_withoutCertificate_refusesToStart() {
    ArmetServer server = server(ArmetEnvironment.PRODUCTION, c -> c.allowRoot(true));
    assertThatThrownBy(server::start)
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("no certificate configured")
        .hasMessageContaining("tls.certificate");
  }

  @Test
  void production_withTheDevelopmentCertificateConfigured_refusesToStart() throws Exception {
    DevelopmentCertificate.loadOrCreate(dir, Clock.systemUTC());
    Path tls = dir.resolve("tls");
    ArmetServer server =
        server(
            ArmetEnvironment.PRODUCTION,
            c ->
                c.allowRoot(true)
                    .tls(
                        t ->
                            t.certificate(
                                tls.resolve(DevelopmentCertificate.CERT_FILE),
                                tls.resolve(DevelopmentCertificate.KEY_FILE))));
    assertThatThrownBy(server::start)
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("development certificate");
  }

  @Test
  void production_asRootWithoutUser_refusesToStart_namingTheFix() throws Exception {
    ArmetServer server =
        server(
            ArmetEnvironment.PRODUCTION,
            c -> c.tls(t -> TestCertificates.pemInto(t, dir.resolve("pem"))));
    assertThatThrownBy(server::start)
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("runs as root")
        .hasMessageContaining("server.user")
        .hasMessageContaining("CAP_NET_BIND_SERVICE");
  }

  @Test
  void development_startsDespiteErrors_andReportsThemAsWarnings() throws Exception {
    try (ArmetServer server = server(ArmetEnvironment.DEVELOPMENT, c -> {}).start()) {
      assertThat(server.selfCheck().findings())
          .anySatisfy(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.topic()).isEqualTo("certificate");
              });
    }
  }

  @Test
  void development_withTheDevelopmentCertificate_reportsTheNegotiatedGroup() {
    Finding groups = topic(server(ArmetEnvironment.DEVELOPMENT, c -> {}), "tls-groups");
    assertThat(groups.severity()).isEqualTo(Severity.INFO);
    assertThat(groups.message()).contains("negotiates x25519").contains("tls.post-quantum=true");
  }

  /** The self-check's first finding on {@code topic}. */
  static Finding topic(ArmetServer server, String topic) {
    return server.selfCheck().findings().stream()
        .filter(f -> f.topic().equals(topic))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void certificateCloseToExpiry_isAWarning() throws Exception {
    TestCertificates.Issued soon =
        TestCertificates.issue(
            TestCertificates.ca(),
            dir.resolve("pem"),
            "soon.test",
            TestCertificates.KeyFormat.PKCS8_EC,
            Duration.ofDays(5));
    SelfCheckReport report =
        server(
                ArmetEnvironment.PRODUCTION,
                c -> c.allowRoot(true).tls(t -> t.certificate(soon.fullchain(), soon.privateKey())))
            .selfCheck();
    assertThat(report.findings())
        .anySatisfy(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message()).contains("expires").contains("days left");
              assertThat(f.fix()).contains("renew");
            });
  }

  @Test
  void registeredCheck_errorRefusesProduction_andAThrowingCheckIsAnError() throws Exception {
    ArmetServer server =
        server(
            ArmetEnvironment.PRODUCTION,
            c ->
                c.allowRoot(true)
                    .tls(t -> TestCertificates.pemInto(t, dir.resolve("pem")))
                    .selfCheck(
                        env ->
                            List.of(
                                Finding.error(
                                    "stores", "sessions are in memory", "configure Redis")))
                    .selfCheck(
                        env -> {
                          throw new IllegalStateException("cannot reach the store");
                        }));
    SelfCheckReport report = server.selfCheck();
    assertThat(report.errors()).extracting(Finding::topic).containsExactly("stores", "self-check");
    assertThat(report.findings().get(0).severity()).isEqualTo(Severity.ERROR);
    assertThatThrownBy(server::start)
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("stores: sessions are in memory (fix: configure Redis)");
  }

  @Test
  void closeOnStop_resourcesAreClosedAfterTheStop() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    ArmetServer server =
        server(ArmetEnvironment.DEVELOPMENT, c -> c.closeOnStop(closed::incrementAndGet)).start();
    assertThat(closed).hasValue(0);
    server.stop();
    assertThat(closed).hasValue(1);
  }
}
