package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.server.ArmetServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoApplicationTest {
  private static final Pattern CSP_NONCE =
      Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'");
  private static final Pattern SCRIPT_NONCE = Pattern.compile("<script nonce=\"([^\"]+)\">");

  @TempDir static Path data;
  static ArmetServer server;
  static HttpClient client;
  static final RecordingSink events = new RecordingSink();

  @BeforeAll
  static void start() throws Exception {
    server =
        DemoApplication.create(
                events,
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .dataDirectory(data)
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .stopAtShutdown(false))
            .start();
    client = TestTls.client(server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String cspNonce(HttpResponse<String> response) {
    String csp = response.headers().firstValue("content-security-policy").orElseThrow();
    Matcher m = CSP_NONCE.matcher(csp);
    assertThat(m.find()).as("nonce in %s", csp).isTrue();
    return m.group(1);
  }

  @Test
  void homePage_scriptNonce_matchesCspNonce() throws Exception {
    HttpResponse<String> response = get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    String nonce = cspNonce(response);
    Matcher m = SCRIPT_NONCE.matcher(response.body());
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo(nonce);
    assertThat(m.find()).as("only one script carries a nonce").isFalse();
    assertThat(response.body()).contains("<script>" + HomeServlet.BLOCKED_SCRIPT + "</script>");
    assertThat(java.util.Base64.getDecoder().decode(nonce)).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void csp_isStricterThanHelmet_noUnsafeInlineAnywhere_defaultSrcNone() throws Exception {
    String csp = get("/").headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp)
        .doesNotContain("unsafe-inline", "unsafe-eval", "https:")
        .contains(
            "default-src 'none'",
            "style-src 'self'",
            "script-src-attr 'none'",
            "object-src 'none'");
  }

  @Test
  void homePage_loadsItsScriptWithSubresourceIntegrity() throws Exception {
    HttpResponse<String> page = get("/");
    HttpResponse<String> script = get("/static/armet.js");
    assertThat(script.statusCode()).isEqualTo(200);
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-384")
            .digest(script.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(page.body())
        .contains(
            "<script src=\"/static/armet.js\" integrity=\"sha384-"
                + java.util.Base64.getEncoder().encodeToString(digest)
                + "\" defer></script>");
  }

  @Test
  void homePage_nonce_isFreshForEachResponse() throws Exception {
    assertThat(cspNonce(get("/"))).isNotEqualTo(cspNonce(get("/")));
  }

  @Test
  void homePage_cspReportsToTheBuiltInEndpoint() throws Exception {
    HttpResponse<String> response = get("/");
    assertThat(response.headers().firstValue("content-security-policy").orElseThrow())
        .contains(";report-uri /_armet/csp-report", ";report-to csp-endpoint")
        .doesNotContain("unsafe-inline';script", "script-src 'self' 'unsafe-inline'");
    assertThat(response.headers().firstValue("reporting-endpoints"))
        .hasValue("csp-endpoint=\"/_armet/csp-report\"");
  }

  @Test
  void cspReport_withNoncePolicy_isReceivedNotFailed() throws Exception {
    events.clear();
    String report =
        """
        {"csp-report":{"document-uri":"https://localhost/","violated-directive":"script-src-elem",\
        "effective-directive":"script-src-elem","blocked-uri":"inline","disposition":"enforce",\
        "original-policy":"script-src 'self'","status-code":200}}""";
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.httpsPort() + "/_armet/csp-report"))
                .header("Content-Type", "application/csp-report")
                .POST(HttpRequest.BodyPublishers.ofString(report))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // The endpoint's answer carries the nonce policy like every response; it once failed with
    // 500 ("this policy needs a nonce"). 204 once CspReports parses, 400 while it is a stub.
    assertThat(response.statusCode()).isIn(204, 400);
    assertThat(response.headers().firstValue("content-security-policy").orElseThrow())
        .contains("'nonce-");
    assertThat(events.await(e -> e.type().startsWith("csp_"), 10)).isNotNull();
  }

  @Test
  void homePage_showsItsOwnHeaders() throws Exception {
    HttpResponse<String> response = get("/");
    assertThat(response.body())
        .contains("<code>Strict-Transport-Security</code>", "Sent over HTTPS")
        .contains("<code>X-Frame-Options</code></td><td><code>SAMEORIGIN</code>");
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html;charset=utf-8");
  }

  @Test
  void stylesheet_isServedWithHeaders() throws Exception {
    HttpResponse<String> response = get("/static/armet.css");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/css");
    assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(response.body()).contains("--accent");
  }

  @Test
  void otherPaths_areNotFound() throws Exception {
    HttpResponse<String> response = get("/no-such-page");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-security-policy")).isPresent();
  }

  @Test
  void plainHttp_redirectsToHttps() throws Exception {
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/?a=b"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("location"))
        .hasValue("https://localhost:" + server.httpsPort() + "/?a=b");
    assertThat(response.headers().firstValue("strict-transport-security")).isEmpty();
  }
}
