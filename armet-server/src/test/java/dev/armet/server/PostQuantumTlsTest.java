package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Finding;
import dev.armet.check.Severity;
import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.tls.GroupAnswer;
import dev.armet.internal.tls.GroupProbe;
import dev.armet.internal.tls.NamedGroups;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tls.post-quantum=true}: a client that offers only X25519MLKEM768 gets through, a client
 * without it (SunJSSE on JDK 25) still agrees on a classical group, and HTTP/2 is still negotiated
 * through ALPN on Bouncy Castle's engine.
 */
class PostQuantumTlsTest {
  @TempDir Path dir;

  @Test
  void postQuantumServer_withBouncyCastleClient_negotiatesX25519MLKEM768() throws Exception {
    try (ArmetServer server = server(true).start();
        ServerHelloProbe probe = new ServerHelloProbe(server.httpsPort())) {
      // The client offers the hybrid first (with a key share for it) and P-256, as browsers do.
      try (SSLSocket socket =
          connect(
              bouncyCastleClient(server.certificate()),
              probe.port(),
              List.of("X25519MLKEM768", "secp256r1"),
              "h2",
              "http/1.1")) {
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(socket.getApplicationProtocol())
            .as("ALPN on Bouncy Castle's engine")
            .isEqualTo("h2");
      }
      assertThat(probe.serverHelloRecordLength())
          .as("a ServerHello carrying an ML-KEM-768 ciphertext")
          .isGreaterThan(1120);
    }
  }

  @Test
  void classicalServer_withTheSameClient_agreesOnAClassicalGroup() throws Exception {
    // The control for the probe: the same offer to a server without tls.post-quantum.
    try (ArmetServer server = server(false).start();
        ServerHelloProbe probe = new ServerHelloProbe(server.httpsPort())) {
      try (SSLSocket socket =
          connect(
              bouncyCastleClient(server.certificate()),
              probe.port(),
              List.of("X25519MLKEM768", "secp256r1"),
              "http/1.1")) {
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      }
      assertThat(probe.serverHelloRecordLength()).isLessThan(400); // a HelloRetryRequest and P-256
    }
  }

  @Test
  void postQuantumServer_withClassicalClient_fallsBackToAClassicalGroup() throws Exception {
    try (ArmetServer server = server(true).start()) {
      SSLContext sun = TestTls.trusting(server.certificate());
      assertThat(sun.getProvider().getName()).isEqualTo("SunJSSE");
      try (SSLSocket socket =
          connect(sun, server.httpsPort(), List.of("x25519", "secp256r1"), "http/1.1")) {
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
      }
      // And over TLS 1.2 (the intermediate profile still allows it).
      try (SSLSocket socket =
          connect(sun, server.httpsPort(), List.of("secp256r1"), "TLSv1.2", "http/1.1")) {
        assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_RSA_");
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      }
    }
  }

  @Test
  void classicalServer_withHybridOnlyClient_refusesTheHandshake() throws Exception {
    // Without tls.post-quantum a client offering nothing but the hybrid finds no common group.
    try (ArmetServer server = server(false).start()) {
      SSLContext bc = bouncyCastleClient(server.certificate());
      assertThatThrownBy(
              () -> connect(bc, server.httpsPort(), List.of("X25519MLKEM768"), "http/1.1"))
          .isInstanceOf(IOException.class);
    }
  }

  /**
   * The doctor's negotiated group (an in-memory handshake with the connector's own engine) and the
   * running server probed over loopback with the same ClientHello agree.
   */
  @ParameterizedTest(name = "post-quantum {0}")
  @ValueSource(booleans = {true, false})
  void doctor_andLiveServer_agreeOnTheNegotiatedGroup(boolean postQuantum) throws Exception {
    String expected = postQuantum ? "X25519MLKEM768" : "x25519";
    ArmetServer server = server(postQuantum);
    Finding doctor = SelfCheckTest.topic(server, "tls-groups");
    assertThat(doctor.severity()).isEqualTo(Severity.INFO);
    assertThat(doctor.message())
        .startsWith("a browser offering X25519MLKEM768, x25519, secp256r1, secp384r1")
        .contains("negotiates " + expected);
    try (ArmetServer running = server.start()) {
      GroupProbe probe =
          new GroupProbe(
              new InetSocketAddress("127.0.0.1", running.httpsPort()),
              "localhost",
              Duration.ofSeconds(10));
      GroupAnswer browser = probe.offer(NamedGroups.BROWSER);
      assertThat(browser.isSelected()).as(browser.toString()).isTrue();
      assertThat(NamedGroups.name(browser.group())).isEqualTo(expected);
      List<String> accepted =
          probe.accepted(NamedGroups.KNOWN).stream().map(NamedGroups::name).toList();
      if (postQuantum) {
        assertThat(accepted).contains("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");
      } else {
        assertThat(accepted).contains("x25519", "secp256r1").doesNotContain("X25519MLKEM768");
      }
      // Offered nothing it shares, the server answers with an alert, not a group.
      GroupAnswer none = probe.offer(List.of(0x0A0A)); // a GREASE value
      assertThat(none.kind()).as(none.toString()).isEqualTo(GroupAnswer.Kind.ALERT);
    }
  }

  /**
   * An RSA certificate, so the TLS 1.2 fallback below shows an ECDHE_RSA suite. (Bouncy Castle's
   * server also wants P-256 among the client's groups for the test CA's ECDSA signature; browsers
   * list it.)
   */
  private ArmetServer server(boolean postQuantum) throws Exception {
    TestCertificates.Issued pem =
        TestCertificates.issue(
            TestCertificates.ca(),
            dir.resolve("tls"),
            "localhost",
            TestCertificates.KeyFormat.PKCS8_RSA,
            java.time.Duration.ofDays(30));
    return ArmetServer.create(
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
                        t.certificate(pem.fullchain(), pem.privateKey()).postQuantum(postQuantum)));
  }

  static SSLContext bouncyCastleClient(X509Certificate trusted) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", trusted);
    BouncyCastleJsseProvider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jsse);
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3", jsse);
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** A handshake offering only {@code groups}; an optional leading "TLSv1.x" pins the version. */
  static SSLSocket connect(SSLContext tls, int port, List<String> groups, String... protocols)
      throws IOException {
    Socket raw = new Socket();
    raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    raw.setSoTimeout(10_000);
    SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", port, true);
    SSLParameters p = socket.getSSLParameters();
    p.setNamedGroups(groups.toArray(String[]::new));
    List<String> alpn = List.of(protocols);
    if (!alpn.isEmpty() && alpn.get(0).startsWith("TLSv")) {
      p.setProtocols(new String[] {alpn.get(0)});
      alpn = alpn.subList(1, alpn.size());
    }
    p.setApplicationProtocols(alpn.toArray(String[]::new));
    socket.setSSLParameters(p);
    try {
      socket.startHandshake();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }
}
