package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request-head limit over HTTP/2 is HTTP/1.1's, and past it the answer is a 431, not a reset.
 */
class Http2HeaderLimitTest {
  static final int LIMIT = 4096;
  @TempDir static Path data;
  static ArmetServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp())
                        .limits(l -> l.maxRequestHeaderBytes(LIMIT))
                        .allowRoot(true)
                        .tls(t -> TestCertificates.pemInto(t, data.resolve("pem"))))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> get(HttpClient.Version version, int headerBytes) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestTls.trusting(server.certificate()))
            .version(version)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + "/app/ok"))
            .header("X-Big", "a".repeat(headerBytes))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(version);
    return response;
  }

  @ParameterizedTest
  @EnumSource(value = HttpClient.Version.class)
  void headJustUnderTheLimit_eitherProtocol_isServed(HttpClient.Version version) throws Exception {
    // About 60 bytes under the limit as HTTP/1.1 counts; HPACK's count would be ~200 bytes over it.
    assertThat(get(version, LIMIT - 150).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(value = HttpClient.Version.class)
  void headOverTheLimit_eitherProtocol_431(HttpClient.Version version) throws Exception {
    HttpResponse<String> response = get(version, LIMIT + 200);
    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.body()).contains("431");
  }

  @Test
  void headFarOverTheLimit_http2_431AndTheConnectionServesTheNextRequest() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestTls.trusting(server.certificate()))
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    URI uri = URI.create("https://127.0.0.1:" + server.httpsPort() + "/app/ok");
    HttpResponse<String> big =
        client.send(
            HttpRequest.newBuilder(uri)
                .header("X-Big", "a".repeat(3 * LIMIT))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(431);
    HttpResponse<String> next =
        client.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.version()).isEqualTo(HttpClient.Version.HTTP_2);
  }
}
