package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALPN picks HTTP/2, HTTP/1.1 remains for clients without it, and the modern profile is TLS 1.3
 * only.
 */
class TlsProfileTest {
  @TempDir Path dir;

  ArmetServer start(TlsProfile profile) throws Exception {
    return ArmetServer.create(
            c ->
                c.httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .environment(ArmetEnvironment.DEVELOPMENT)
                    .dataDirectory(dir)
                    .stopAtShutdown(false)
                    .servlet("/app/*", new TestApp())
                    .tls(t -> t.profile(profile)))
        .start();
  }

  @Test
  void http2Client_negotiatesH2_andHttp11ClientStillServed() throws Exception {
    try (ArmetServer server = start(TlsProfile.INTERMEDIATE)) {
      URI uri = URI.create("https://127.0.0.1:" + server.httpsPort() + "/app/ok");
      HttpClient h2 =
          HttpClient.newBuilder()
              .sslContext(TestTls.trusting(server.certificate()))
              .version(HttpClient.Version.HTTP_2)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
      HttpResponse<String> response =
          h2.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(response.body()).isEqualTo("ok");
      assertThat(response.headers().firstValue("strict-transport-security")).isPresent();
      assertThat(response.headers().firstValue("server")).isEmpty();

      HttpResponse<String> h1 =
          TestTls.client(server.certificate())
              .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(h1.body()).isEqualTo("ok");
    }
  }

  @Test
  void modernProfile_refusesTls12_andServesTls13() throws Exception {
    try (ArmetServer server = start(TlsProfile.MODERN)) {
      try (SSLSocket socket = socket(server, "TLSv1.2")) {
        assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
      }
      try (SSLSocket socket = socket(server, "TLSv1.3")) {
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      }
    }
  }

  @Test
  void intermediateProfile_servesTls12WithEcdheAead() throws Exception {
    try (ArmetServer server = start(TlsProfile.INTERMEDIATE);
        SSLSocket socket = socket(server, "TLSv1.2")) {
      socket.startHandshake();
      assertThat(socket.getSession().getCipherSuite()).isIn(TlsProfile.INTERMEDIATE.cipherSuites());
    }
  }

  @Test
  void profiles_parseByName_andRefuseOthers() {
    assertThat(TlsProfile.parse("Modern")).isEqualTo(TlsProfile.MODERN);
    assertThatThrownBy(() -> TlsProfile.parse("old"))
        .hasMessageContaining("'intermediate' or 'modern'");
    assertThat(TlsProfile.EXCLUDED).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
  }

  private static SSLSocket socket(ArmetServer server, String protocol) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            TestTls.trusting(server.certificate())
                .getSocketFactory()
                .createSocket("127.0.0.1", server.httpsPort());
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {protocol});
    return socket;
  }
}
