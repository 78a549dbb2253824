package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.internal.server.acme.ClientHellos;
import dev.armet.server.acme.AcmeChallengeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS-ALPN-01 with {@code tls.post-quantum=true}: the CA's {@code acme-tls/1} handshake is told
 * apart by its ClientHello and answered on SunJSSE, while everything else still meets Bouncy
 * Castle's JSSE with X25519MLKEM768 and HTTP/2; bytes that are no ClientHello are refused without
 * harm to the next connection.
 */
class AcmeTlsAlpnPostQuantumTest {
  private static final List<String> BROWSER_GROUPS = List.of("X25519MLKEM768", "secp256r1");

  @TempDir Path dir;

  @Test
  void tlsAlpn01_withPostQuantum_obtainsItOnTheHttpsPort_andStillNegotiatesX25519MLKEM768()
      throws Exception {
    int https = PebbleCa.freePort();
    int nothingListens = PebbleCa.freePort(); // only the HTTPS port can answer the CA
    try (PebbleCa ca = PebbleCa.start(dir.resolve("pebble"), nothingListens, https, 0, Map.of());
        ArmetServer server = server(ca, https).start()) {
      AcmeIssuanceTest.awaitIssued(server.acme().orElseThrow(), ca);
      assertThat(AcmeIssuanceTest.servedSubjectNames(TestTls.trusting(ca.issuingRoot()), https))
          .contains(PebbleCa.DOMAIN);

      SSLContext bc = PostQuantumTlsTest.bouncyCastleClient(server.certificate());
      try (ServerHelloProbe probe = new ServerHelloProbe(https);
          SSLSocket socket =
              PostQuantumTlsTest.connect(bc, probe.port(), BROWSER_GROUPS, "h2", "http/1.1")) {
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        assertThat(probe.serverHelloRecordLength())
            .as("a ServerHello carrying an ML-KEM-768 ciphertext")
            .isGreaterThan(1120);
      }
      try (SSLSocket socket = PostQuantumTlsTest.connect(bc, https, BROWSER_GROUPS, "http/1.1")) {
        assertThat(AcmeIssuanceTest.get(socket, "/app/ok")).isEqualTo("HTTP/1.1 200 OK");
      }
      // With no challenge pending, an acme-tls/1 handshake gets no certificate at all.
      SSLContext sun = TestTls.trusting(server.certificate());
      assertThatThrownBy(
              () -> PostQuantumTlsTest.connect(sun, https, List.of("x25519"), "acme-tls/1"))
          .isInstanceOf(IOException.class);
      try (SSLSocket socket =
          PostQuantumTlsTest.connect(bc, https, BROWSER_GROUPS, "h2", "http/1.1")) {
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
      }
    }
  }

  @Test
  void noClientHello_onTheHttpsPort_isRefusedOrTimedOut_andTheNextConnectionWorks()
      throws Exception {
    int https = PebbleCa.freePort();
    try (PebbleCa ca =
            PebbleCa.start(dir.resolve("pebble"), PebbleCa.freePort(), https, 0, Map.of());
        ArmetServer server = server(ca, https).start()) {
      AcmeIssuanceTest.awaitIssued(server.acme().orElseThrow(), ca);
      SSLContext bc = PostQuantumTlsTest.bouncyCastleClient(server.certificate());
      byte[] acmeHello = ClientHellos.sunJsse("acme-tls/1");
      byte[] garbage = new byte[3000];
      new Random(8737).nextBytes(garbage);
      garbage[0] = 22; // a handshake record, as far as the first byte goes
      garbage[1] = 3;
      for (byte[] wire :
          List.of(
              "GET /app/ok HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
              "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
              garbage,
              Arrays.copyOf(acmeHello, acmeHello.length / 2), // half a hello, then end of input
              new byte[] {22, 3, 1, (byte) 0xff, (byte) 0xff, 1, (byte) 0xff, (byte) 0xff})) {
        byte[] answer = refused(https, wire);
        assertThat(new String(answer, StandardCharsets.ISO_8859_1))
            .as("no HTTP answer to %d bytes", wire.length)
            .doesNotContain("HTTP/");
        try (SSLSocket socket = PostQuantumTlsTest.connect(bc, https, BROWSER_GROUPS, "http/1.1")) {
          assertThat(AcmeIssuanceTest.get(socket, "/app/ok")).isEqualTo("HTTP/1.1 200 OK");
        }
      }
      assertStalledHelloIsClosed(https);
      try (SSLSocket socket =
          PostQuantumTlsTest.connect(bc, https, BROWSER_GROUPS, "h2", "http/1.1")) {
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
      }
    }
  }

  private ArmetServer server(PebbleCa ca, int https) {
    return ArmetServer.create(
        AcmeIssuanceTest.acmeConfig(
                dir, ca, https, 0, AcmeChallengeType.TLS_ALPN_01, Duration.ofMinutes(5))
            .limits(l -> l.headerTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofMinutes(5)))
            .tls(t -> t.postQuantum(true))
            .build());
  }

  /**
   * Sends part of a ClientHello and nothing more: the header timeout, not the idle one, ends it.
   */
  private static void assertStalledHelloIsClosed(int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(20_000); // well below the idle timeout
      socket.getOutputStream().write(Arrays.copyOf(ClientHellos.sunJsse("acme-tls/1"), 40));
      socket.getOutputStream().flush();
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (SocketException reset) {
        read = -1;
      }
      assertThat(read).as("closed, not answered").isEqualTo(-1);
    }
  }

  /** Sends {@code wire}, ends the output, and reads what comes back until the server closes. */
  private static byte[] refused(int port, byte[] wire) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(wire);
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        in.transferTo(answer);
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "the server kept the connection open after "
                + wire.length
                + " bytes that are no ClientHello",
            e);
      } catch (SocketException reset) {
        // closed with our bytes unread: refused too
      }
      return answer.toByteArray();
    }
  }
}
