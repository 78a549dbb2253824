package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentCertificateTest {
  @TempDir Path data;

  @Test
  void firstStart_createsOwnerOnlyFiles() throws Exception {
    DevelopmentCertificate cert =
        DevelopmentCertificate.loadOrCreate(data.resolve("data"), Clock.systemUTC());
    assertThat(cert.created()).isTrue();
    Path tls = data.resolve("data/tls");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("data"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)))
        .isEqualTo("rwx------");
    for (String f : List.of(DevelopmentCertificate.CERT_FILE, DevelopmentCertificate.KEY_FILE)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(f))))
          .as(f)
          .isEqualTo("rw-------");
    }
    assertThat(Files.list(tls)).hasSize(2); // no temp files left behind
  }

  @Test
  void certificate_isP256ForLocalhostFor90Days() throws Exception {
    Instant now = Instant.parse("2026-11-21T00:00:00Z");
    X509Certificate cert = DevelopmentCertificate.generate(now).certificate();
    cert.checkValidity(java.util.Date.from(now));
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(l -> l.get(1).toString())
        .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(Duration.between(now, cert.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(90));
    assertThat(cert.getBasicConstraints()).isEqualTo(-1); // not a CA
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void secondLoad_reusesCertificate() throws Exception {
    X509Certificate first =
        DevelopmentCertificate.loadOrCreate(data, Clock.systemUTC()).certificate();
    DevelopmentCertificate second = DevelopmentCertificate.loadOrCreate(data, Clock.systemUTC());
    assertThat(second.created()).isFalse();
    assertThat(second.certificate()).isEqualTo(first);
  }

  @Test
  void expiredCertificate_isRegenerated() throws Exception {
    X509Certificate first =
        DevelopmentCertificate.loadOrCreate(data, Clock.systemUTC()).certificate();
    Clock later = Clock.fixed(first.getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
    DevelopmentCertificate renewed = DevelopmentCertificate.loadOrCreate(data, later);
    assertThat(renewed.created()).isTrue();
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    assertThat(DevelopmentCertificate.loadOrCreate(data, later).certificate())
        .isEqualTo(renewed.certificate());
  }

  @Test
  void unreadableFiles_areReplaced() throws Exception {
    DevelopmentCertificate.loadOrCreate(data, Clock.systemUTC());
    Files.writeString(data.resolve("tls").resolve(DevelopmentCertificate.KEY_FILE), "garbage");
    assertThat(DevelopmentCertificate.loadOrCreate(data, Clock.systemUTC()).created()).isTrue();
  }

  @Test
  void restart_servesTheSameCertificate() throws Exception {
    X509Certificate first;
    try (ArmetServer server = start()) {
      first = server.certificate();
    }
    try (ArmetServer again = start()) {
      assertThat(again.certificate()).isEqualTo(first);
      // A client that trusted the first start's certificate still connects.
      HttpResponse<Void> response =
          TestTls.client(first)
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + again.httpsPort() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(404);
    }
  }

  private ArmetServer start() throws Exception {
    return ArmetServer.create(
            c ->
                c.httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .environment(ArmetEnvironment.DEVELOPMENT)
                    .dataDirectory(data)
                    .stopAtShutdown(false))
        .start();
  }
}
