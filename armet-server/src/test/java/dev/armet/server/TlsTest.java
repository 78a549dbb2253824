package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS connector negotiates TLS 1.2/1.3 with ECDHE + AEAD only. */
class TlsTest {
  @TempDir static Path data;
  static ArmetServer server;
  static SSLContext tls;

  @BeforeAll
  static void start() throws Exception {
    server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .dataDirectory(data)
                        .stopAtShutdown(false))
            .start();
    tls = TestTls.trusting(server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  SSLSocket socket(String[] protocols, String[] suites) throws Exception {
    SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.httpsPort());
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(protocols);
    if (suites != null) {
      socket.setEnabledCipherSuites(suites);
    }
    return socket;
  }

  @Test
  void defaultClient_negotiatesTls13() throws Exception {
    try (SSLSocket socket = socket(new String[] {"TLSv1.3", "TLSv1.2"}, null)) {
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void tls12Client_getsEcdheAead() throws Exception {
    try (SSLSocket socket = socket(new String[] {"TLSv1.2"}, null)) {
      socket.startHandshake();
      assertThat(socket.getSession().getCipherSuite())
          .startsWith("TLS_ECDHE_")
          .containsAnyOf("_GCM_", "CHACHA20");
    }
  }

  @Test
  void tls12Client_withCbcOrStaticRsaOnly_isRefused() throws Exception {
    String[] weak = {
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_AES_128_GCM_SHA256"
    };
    try (SSLSocket socket = socket(new String[] {"TLSv1.2"}, weak)) {
      assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
    }
  }
}
