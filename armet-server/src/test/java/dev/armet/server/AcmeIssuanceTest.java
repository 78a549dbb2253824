package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import dev.armet.server.acme.AcmeCertificateManager;
import dev.armet.server.acme.AcmeChallengeType;
import dev.armet.server.acme.AcmeStatus;
import dev.armet.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server obtains and renews its certificate from a real ACME CA (Pebble on loopback), through
 * HTTP-01 on the plain port and TLS-ALPN-01 on the HTTPS port.
 */
class AcmeIssuanceTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void http01_withoutStoredCertificate_obtainsServesAndStoresItPrivately() throws Exception {
    int https = PebbleCa.freePort();
    int http = PebbleCa.freePort();
    try (PebbleCa ca = PebbleCa.start(dir.resolve("pebble"), http, https, 0, Map.of());
        ArmetServer server =
            acmeServer(ca, 0, http, AcmeChallengeType.HTTP_01, Duration.ofMinutes(5)).start()) {
      AcmeCertificateManager acme = server.acme().orElseThrow();
      awaitIssued(acme, ca);
      SSLContext trust = TestTls.trusting(ca.issuingRoot());
      assertThat(servedSubjectNames(trust, server.httpsPort())).contains(PebbleCa.DOMAIN);
      assertThat(acme.attempts()).isEqualTo(1);

      Path store = dir.resolve("data/acme/localhost_" + ca.directory().getPort());
      for (String file : List.of("account-key.pem", "certificate.pem", "certificate-key.pem")) {
        assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve(file))))
            .as(file)
            .isEqualTo("rw-------");
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
          .isEqualTo("rwx------");

      // Plain HTTP answers pending challenges only: an unknown token is 404, anything else
      // redirects.
      assertThat(
              RawHttp.send(
                      http,
                      "GET /.well-known/acme-challenge/unknownToken HTTP/1.1\r\nHost: x\r\n\r\n")
                  .status())
          .isEqualTo(404);
      assertThat(
              RawHttp.send(
                      http, "GET /.well-known/acme-challenge/../../etc HTTP/1.1\r\nHost: x\r\n\r\n")
                  .status())
          .isIn(400, 404, 308);
      assertThat(RawHttp.send(http, "GET /app/ok HTTP/1.1\r\nHost: x\r\n\r\n").status())
          .isEqualTo(308);
    }
  }

  @Test
  void restart_withStoredCertificate_servesItAtOnceWithoutOrdering() throws Exception {
    int https = PebbleCa.freePort();
    int http = PebbleCa.freePort();
    X509Certificate first;
    try (PebbleCa ca = PebbleCa.start(dir.resolve("pebble"), http, https, 0, Map.of())) {
      try (ArmetServer server =
          acmeServer(ca, 0, http, AcmeChallengeType.HTTP_01, Duration.ofMinutes(5)).start()) {
        awaitIssued(server.acme().orElseThrow(), ca);
        first = server.certificate();
      }
      // The CA is still up, but nothing may be ordered: the stored certificate covers the domain.
      try (ArmetServer again =
          acmeServer(ca, 0, 0, AcmeChallengeType.HTTP_01, Duration.ofMinutes(5)).start()) {
        assertThat(again.certificate()).isEqualTo(first);
        assertThat(servedSubjectNames(TestTls.trusting(ca.issuingRoot()), again.httpsPort()))
            .contains(PebbleCa.DOMAIN);
        assertThat(again.acme().orElseThrow().attempts()).isZero();
      }
    }
  }

  @Test
  void tlsAlpn01_withoutStoredCertificate_obtainsItOnTheHttpsPort() throws Exception {
    int https = PebbleCa.freePort();
    int nothingListens =
        PebbleCa.freePort(); // Pebble's HTTP-01 port: only the HTTPS port can answer
    try (PebbleCa ca = PebbleCa.start(dir.resolve("pebble"), nothingListens, https, 0, Map.of());
        ArmetServer server =
            acmeServer(ca, https, 0, AcmeChallengeType.TLS_ALPN_01, Duration.ofMinutes(5))
                .start()) {
      awaitIssued(server.acme().orElseThrow(), ca);
      assertThat(servedSubjectNames(TestTls.trusting(ca.issuingRoot()), https))
          .contains(PebbleCa.DOMAIN);
    }
  }

  @Test
  void shortLivedCertificate_isRenewedAtTwoThirds_whileAnOpenConnectionKeepsWorking()
      throws Exception {
    int pebbleTls = PebbleCa.freePort();
    int http = PebbleCa.freePort();
    // 24 s certificates: renewal due after 16 s, leaving 8 s for the order on a loaded machine.
    try (PebbleCa ca = PebbleCa.start(dir.resolve("pebble"), http, pebbleTls, 24, Map.of());
        ArmetServer server =
            acmeServer(ca, 0, http, AcmeChallengeType.HTTP_01, Duration.ofMinutes(5)).start()) {
      AcmeCertificateManager acme = server.acme().orElseThrow();
      awaitIssued(acme, ca);
      int https =
          server.httpsPort(); // Pebble validates HTTP-01 only: the HTTPS port is the OS's choice
      X509Certificate first = acme.current().orElseThrow();
      SSLContext trust = TestTls.trusting(ca.issuingRoot());
      try (SSLSocket old = connect(trust, https)) {
        assertThat(get(old, "/app/ok")).startsWith("HTTP/1.1 200");
        X509Certificate renewed =
            Poll.until(
                BOUND,
                "the renewed certificate is served",
                () -> servedLeaf(trust, https),
                c -> !c.getSerialNumber().equals(first.getSerialNumber()));
        assertThat(renewed.getNotBefore()).isAfterOrEqualTo(first.getNotBefore());
        assertThat(acme.status().consecutiveFailures()).isZero();
        assertThat(get(old, "/app/ok"))
            .as("the connection opened before the renewal")
            .startsWith("HTTP/1.1 200");
        assertThat(old.getSession().getPeerCertificates()[0]).isEqualTo(first);
      }
    }
  }

  @Test
  void beforeTheFirstCertificate_httpsHandshakesFail_insteadOfPresentingAPlaceholder()
      throws Exception {
    // No CA at all: ordering fails and backs off, and HTTPS presents nothing meanwhile.
    String nowhere = "https://localhost:" + PebbleCa.freePort() + "/dir";
    try (ArmetServer server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .dataDirectory(dir.resolve("data"))
                        .stopAtShutdown(false)
                        .tls(
                            t ->
                                t.acme(
                                    a ->
                                        a.directory(nowhere)
                                            .domains(PebbleCa.DOMAIN)
                                            .acceptTerms(true)
                                            .minimumBackoff(Duration.ofHours(1))
                                            .maximumBackoff(Duration.ofHours(2)))))
            .start()) {
      SSLContext trustAll = TestTls.trusting(server.certificate());
      assertThatThrownBy(() -> servedSubjectNames(trustAll, server.httpsPort()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void refusingCa_backsOff_insteadOfRetryingInALoop() throws Exception {
    int https = PebbleCa.freePort();
    int http = PebbleCa.freePort();
    // Pebble rejects every nonce: each request fails with badNonce, whatever acme4j retries.
    try (PebbleCa ca =
            PebbleCa.start(
                dir.resolve("pebble"), http, https, 0, Map.of("PEBBLE_WFE_NONCEREJECT", "100"));
        ArmetServer server =
            acmeServer(ca, 0, http, AcmeChallengeType.HTTP_01, Duration.ofHours(1)).start()) {
      AcmeCertificateManager acme = server.acme().orElseThrow();
      AcmeStatus failed =
          Poll.until(
              BOUND, "the first attempt fails", acme::status, s -> s.consecutiveFailures() >= 1);
      assertThat(failed.lastError()).isNotBlank();
      // The next attempt is at least half the minimum back-off away (equal jitter), not now.
      assertThat(Duration.between(failed.lastFailure(), failed.nextAttempt()))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
      assertThat(acme.attempts()).isEqualTo(1);
      assertThat(acme.current()).isEmpty();
      // armet doctor reads the same state from the data folder.
      assertThat(
              Files.readString(
                  dir.resolve(
                      "data/acme/localhost_" + ca.directory().getPort() + "/status.properties")))
          .contains("consecutive-failures=1");
    }
  }

  private ArmetServer acmeServer(
      PebbleCa ca, int https, int http, AcmeChallengeType challenge, Duration backoff) {
    return ArmetServer.create(acmeConfig(dir, ca, https, http, challenge, backoff).build());
  }

  /** A development server on loopback ordering from {@code ca}, with its data in {@code dir}. */
  static ArmetServerConfig.Builder acmeConfig(
      Path dir, PebbleCa ca, int https, int http, AcmeChallengeType challenge, Duration backoff) {
    return ArmetServerConfig.builder()
        .httpsPort(https)
        .httpPort(http)
        .bindAddress("127.0.0.1")
        .environment(ArmetEnvironment.DEVELOPMENT)
        .dataDirectory(dir.resolve("data"))
        .stopAtShutdown(false)
        .servlet("/app/*", new TestApp())
        .tls(
            t ->
                t.acme(
                    a ->
                        a.directory(ca.directory())
                            .caCertificate(ca.apiCertificate())
                            .domains(PebbleCa.DOMAIN)
                            .email("ops@armet.test")
                            .acceptTerms(true)
                            .challenge(challenge)
                            .minimumBackoff(backoff)
                            .maximumBackoff(backoff.multipliedBy(4))));
  }

  static void awaitIssued(AcmeCertificateManager acme, PebbleCa ca) throws Exception {
    try {
      // Stops at the first failure: a failed order would only be retried after the back-off.
      Poll.until(
          BOUND,
          "a certificate is issued",
          () -> acme,
          m -> m.current().isPresent() || m.status().consecutiveFailures() > 0);
      assertThat(acme.current()).as("issued").isPresent();
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "; status " + acme.status() + "; pebble log:\n" + ca.log(), e);
    }
  }

  /**
   * The DNS names of the certificate a new connection to {@code port} gets for {@link
   * PebbleCa#DOMAIN}.
   */
  static List<String> servedSubjectNames(SSLContext trust, int port) throws Exception {
    try (SSLSocket socket = connect(trust, port)) {
      X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      return leaf.getSubjectAlternativeNames().stream()
          .map(san -> String.valueOf(san.get(1)))
          .toList();
    }
  }

  static X509Certificate servedLeaf(SSLContext trust, int port) throws IOException {
    try (SSLSocket socket = connect(trust, port)) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** A TLS connection naming the ACME domain (SNI and host name check), handshake done. */
  static SSLSocket connect(SSLContext trust, int port) throws IOException {
    Socket raw = new Socket();
    raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    raw.setSoTimeout(10_000);
    SSLSocket socket =
        (SSLSocket) trust.getSocketFactory().createSocket(raw, PebbleCa.DOMAIN, port, true);
    SSLParameters p = socket.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setApplicationProtocols(new String[] {"http/1.1"});
    socket.setSSLParameters(p);
    socket.startHandshake();
    return socket;
  }

  /** One HTTP/1.1 request on an open connection, kept alive; the status line. */
  static String get(SSLSocket socket, String path) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: " + PebbleCa.DOMAIN + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    String text = head.toString();
    int length =
        Stream.of(text.split("\r\n"))
            .filter(l -> l.toLowerCase().startsWith("content-length:"))
            .map(l -> Integer.parseInt(l.substring(15).trim()))
            .findFirst()
            .orElse(0);
    in.readNBytes(length);
    return text.substring(0, text.indexOf("\r\n"));
  }
}
