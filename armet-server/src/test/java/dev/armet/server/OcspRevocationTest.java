package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Finding;
import dev.armet.check.Severity;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revoked certificate, as a local Bouncy Castle OCSP responder says, is an error finding of the
 * self-check (production refuses to start) and a {@code tls_certificate_revoked} event of the
 * running server; a good one is information.
 */
class OcspRevocationTest {
  @TempDir Path dir;

  private ArmetServer server(ArmetEnvironment env, TestCertificates.Issued pem) {
    return ArmetServer.create(
        c ->
            c.httpsPort(0)
                .httpPort(0)
                .bindAddress("127.0.0.1")
                .environment(env)
                .dataDirectory(dir.resolve("data"))
                .stopAtShutdown(false)
                .allowRoot(true)
                .tls(t -> t.certificate(pem.fullchain(), pem.privateKey())));
  }

  private static List<Finding> ocsp(ArmetServer server) {
    return server.selfCheck().findings().stream().filter(f -> f.topic().equals("ocsp")).toList();
  }

  @Test
  void goodCertificate_isInformation() throws Exception {
    try (OcspResponder responder = new OcspResponder(TestCertificates.ca())) {
      TestCertificates.Issued pem = responder.issue(dir.resolve("tls"));
      List<Finding> findings = ocsp(server(ArmetEnvironment.DEVELOPMENT, pem));
      assertThat(findings)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.message())
                    .contains("the responder says good")
                    .contains(responder.url());
              });
    }
  }

  @Test
  void revokedCertificate_isAnError_andProductionRefusesToStart() throws Exception {
    try (OcspResponder responder = new OcspResponder(TestCertificates.ca())) {
      TestCertificates.Issued pem = responder.issue(dir.resolve("tls"));
      responder.revoke();
      List<Finding> findings = ocsp(server(ArmetEnvironment.DEVELOPMENT, pem));
      assertThat(findings)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message())
                    .contains("was revoked at")
                    .contains(pem.leaf().getSerialNumber().toString(16));
                assertThat(f.fix()).contains("replace it");
              });
      assertThatThrownBy(server(ArmetEnvironment.PRODUCTION, pem)::start)
          .isInstanceOf(StartupRefusedException.class)
          .hasMessageContaining("was revoked at");
    }
  }

  @Test
  void responderThatCannotBeReached_isAWarning_notGood() throws Exception {
    TestCertificates.Issued pem;
    try (OcspResponder responder = new OcspResponder(TestCertificates.ca())) {
      pem = responder.issue(dir.resolve("tls"));
    } // closed: the port refuses
    assertThat(ocsp(server(ArmetEnvironment.DEVELOPMENT, pem)))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
  }

  @Test
  void responseSignedByAnotherCa_isNotBelieved() throws Exception {
    TestCertificates.Ca real = TestCertificates.ca();
    try (OcspResponder forger = new OcspResponder(TestCertificates.ca())) {
      TestCertificates.Issued pem = forger.issue(dir.resolve("tls"));
      // the chain names the real CA as issuer, the responder signs with its own CA's key
      java.nio.file.Files.writeString(
          pem.fullchain(),
          TestCertificates.pem(pem.leaf()) + TestCertificates.pem(real.certificate()));
      assertThat(ocsp(server(ArmetEnvironment.DEVELOPMENT, pem)))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.message()).contains("not signed by the certificate's issuer");
              });
    }
  }

  @Test
  void runningServer_recordsTheRevocationOnce() throws Exception {
    try (OcspResponder responder = new OcspResponder(TestCertificates.ca())) {
      TestCertificates.Issued pem = responder.issue(dir.resolve("tls"));
      List<java.security.cert.X509Certificate> chain =
          ServerCertificate.load(
                  TlsConfig.builder().certificate(pem.fullchain(), pem.privateKey()).build())
              .chain();
      List<SecurityEvent> events = new CopyOnWriteArrayList<>();
      try (RevocationWatch watch =
          new RevocationWatch(() -> chain, events::add, Duration.ofHours(1))) {
        watch.checkOnce();
        assertThat(events).isEmpty();
        responder.revoke();
        watch.checkOnce();
        watch.checkOnce();
      }
      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo("tls_certificate_revoked");
                assertThat(e.toString()).contains(pem.leaf().getSerialNumber().toString(16));
              });
    }
  }
}
