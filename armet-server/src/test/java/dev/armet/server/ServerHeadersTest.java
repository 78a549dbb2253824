package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.Helmet8;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The full default header set on every kind of response, through the real server. */
class ServerHeadersTest {
  static final Map<String, String> HELMET = Helmet8.HEADERS;

  @TempDir static Path data;
  static ArmetServer server;
  static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    Path statics = TestApp.staticFolder(data);
    server =
        ArmetServer.create(
                c ->
                    TestCertificates.production(c, data.resolve("pem"))
                        .httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data.resolve("data"))
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp())
                        .staticResources("/static", statics))
            .start();
    client = TestTls.client(server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  static HttpResponse<String> send(String method, String path) throws Exception {
    URI uri = URI.create("https://127.0.0.1:" + server.httpsPort() + path);
    return client.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertHelmetHeaders(HttpResponse<?> response) {
    Map<String, List<String>> headers = response.headers().map();
    for (Map.Entry<String, String> expected : HELMET.entrySet()) {
      assertThat(response.headers().allValues(expected.getKey()))
          .as("%s on %s %s", expected.getKey(), response.statusCode(), response.uri())
          .containsExactly(expected.getValue());
    }
    assertThat(response.headers().firstValue("permissions-policy")).isPresent();
    assertThat(headers.keySet())
        .as("headers of %s", response.uri())
        .noneMatch(h -> h.equalsIgnoreCase("server") || h.equalsIgnoreCase("x-powered-by"));
  }

  @Test
  void ok_hasFullHelmetHeaderSet() throws Exception {
    HttpResponse<String> response = get("/app/ok");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertHelmetHeaders(response);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/app/missing", "/nowhere", "/app/fail", "/app/boom"})
  void errors_haveFullHelmetHeaderSet(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isIn(404, 500);
    assertHelmetHeaders(response);
  }

  @Test
  void sendRedirect_hasHeadersAndRelativeLocation() throws Exception {
    HttpResponse<String> response = get("/app/redirect");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("location")).hasValue("/app/ok");
    assertHelmetHeaders(response);
  }

  @Test
  void earlyFlush_hasHeaders() throws Exception {
    HttpResponse<String> response = get("/app/flush");
    assertThat(response.body()).isEqualTo("first part second part");
    assertHelmetHeaders(response);
  }

  @Test
  void staticFile_hasHeaders() throws Exception {
    HttpResponse<String> response = get("/static/site.css");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(response.body()).contains("color: black");
    assertHelmetHeaders(response);
  }

  @Test
  void staticFolder_isNotListed() throws Exception {
    HttpResponse<String> response = get("/static/");
    assertThat(response.statusCode()).isIn(403, 404);
    assertThat(response.body()).doesNotContain("site.css");
    assertHelmetHeaders(response);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/static/../data/tls/localhost-key.pem",
        "/static/%2e%2e/data/tls/localhost-key.pem",
        "/static/..%2fdata%2ftls%2flocalhost-key.pem",
        "/static/%2e%2e%2fdata/tls/localhost-key.pem",
        "/static/..;/data/tls/localhost-key.pem",
        "/static/..\\data\\tls\\localhost-key.pem"
      })
  void staticTraversal_neverReachesTheKey(String path) throws Exception {
    RawHttp.Response response =
        RawHttp.sendTls(
            TestTls.trusting(server.certificate()),
            server.httpsPort(),
            "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).as(path).isIn(400, 404);
    assertThat(response.body()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void head_hasHeadersAndNoBody() throws Exception {
    HttpResponse<String> response = send("HEAD", "/app/ok");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertHelmetHeaders(response);
  }

  @Test
  void async_hasHeaders() throws Exception {
    HttpResponse<String> response = get("/app/async");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("async done");
    assertHelmetHeaders(response);
  }

  @Test
  void trace_isRefusedWithHeaders() throws Exception {
    HttpResponse<String> response = send("TRACE", "/app/ok");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow"))
        .hasValueSatisfying(a -> assertThat(a).doesNotContain("TRACE"));
    assertThat(response.body()).doesNotContain("TRACE /app/ok");
    assertHelmetHeaders(response);
  }

  @Test
  void trace_onPlainHttp_isRefused() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            server.httpPort(),
            "TRACE /app/ok HTTP/1.1\r\nHost: localhost\r\nCookie: id=secret\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.body()).doesNotContain("id=secret");
    assertThat(response.header("strict-transport-security")).isNull();
  }

  @Test
  void malformedRequestLine_answersWithoutServerName() throws Exception {
    RawHttp.Response response =
        RawHttp.sendTls(
            TestTls.trusting(server.certificate()),
            server.httpsPort(),
            "GET /a b c\u0001 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertNoServerName(response);
    assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(response.header("strict-transport-security"))
        .isEqualTo(HELMET.get("Strict-Transport-Security"));
  }

  @Test
  void malformedRequestLine_onPlainHttp_answersWithoutServerName() throws Exception {
    RawHttp.Response response =
        RawHttp.send(server.httpPort(), "GET /a b c\u0001 HTTP/1.1\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertNoServerName(response);
    assertThat(response.header("strict-transport-security")).isNull();
  }

  @Test
  void oversizedHeader_answers431WithoutServerName() throws Exception {
    String big = "x".repeat(12 * 1024);
    RawHttp.Response response =
        RawHttp.sendTls(
            TestTls.trusting(server.certificate()),
            server.httpsPort(),
            "GET /app/ok HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\n\r\n");
    assertThat(response.status()).isEqualTo(431);
    assertNoServerName(response);
    assertThat(response.header("content-security-policy"))
        .isEqualTo(HELMET.get("Content-Security-Policy"));
  }

  static void assertNoServerName(RawHttp.Response response) {
    assertThat(response.header("server")).isNull();
    assertThat(response.header("x-powered-by")).isNull();
    assertThat(response.raw().toLowerCase()).doesNotContain("jetty");
  }
}
