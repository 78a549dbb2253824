package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-HTTP connector: 308 to the canonical HTTPS origin, nothing else. */
class RedirectTest {
  @TempDir static Path data;
  static ArmetServer server;
  static HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    server =
        ArmetServer.create(
                c ->
                    TestCertificates.production(c, data.resolve("pem"))
                        .httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .canonicalHost("armet.test")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp()))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  String expectedOrigin() {
    return "https://armet.test:" + server.httpsPort();
  }

  @Test
  void redirect_isPermanent_keepsPathAndQuery() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/a/b%20c?x=1&y=%2F"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("location"))
        .hasValue(expectedOrigin() + "/a/b%20c?x=1&y=%2F");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void redirect_ofPost_is308SoTheMethodIsKept() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/login"))
                .POST(HttpRequest.BodyPublishers.ofString("user=a"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("location")).hasValue(expectedOrigin() + "/login");
  }

  @Test
  void redirect_withHostileHost_usesCanonicalHost() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            server.httpPort(),
            "GET /account?next=1 HTTP/1.1\r\nHost: evil.example:666\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(308);
    assertThat(response.header("location")).isEqualTo(expectedOrigin() + "/account?next=1");
  }

  @Test
  void redirect_withAbsoluteFormTarget_usesCanonicalHost() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            server.httpPort(),
            "GET http://evil.example/steal HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(308);
    assertThat(response.header("location")).isEqualTo(expectedOrigin() + "/steal");
  }

  @Test
  void redirect_withDoubleSlashPath_staysOnCanonicalHost() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            server.httpPort(),
            "GET //evil.example/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    // Jetty refuses the ambiguous empty segment outright; if it ever lets it through, the
    // redirect must still stay on the canonical host.
    assertThat(response.status()).isIn(308, 400);
    if (response.status() == 308) {
      assertThat(URI.create(response.header("location")).getHost()).isEqualTo("armet.test");
    }
    assertThat(response.raw()).doesNotContain("Location: //evil", "Location: https://evil");
  }

  @Test
  void redirect_hasSecurityHeadersButNoHsts() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            server.httpPort(), "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(308);
    assertThat(response.header("strict-transport-security")).isNull();
    for (var expected : ServerHeadersTest.HELMET.entrySet()) {
      if (!expected.getKey().equals("Strict-Transport-Security")) {
        assertThat(response.header(expected.getKey()))
            .as(expected.getKey())
            .isEqualTo(expected.getValue());
      }
    }
    ServerHeadersTest.assertNoServerName(response);
  }

  @Test
  void https_hasHsts() throws Exception {
    HttpClient tls = TestTls.client(server.certificate());
    HttpResponse<String> response =
        tls.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.httpsPort() + "/app/ok"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("strict-transport-security"))
        .hasValue("max-age=31536000; includeSubDomains");
  }
}
