package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.env.ArmetEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** What error responses reveal: nothing in production, escaped detail in development. */
class ErrorPagesTest {
  private static final Pattern INCIDENT =
      Pattern.compile("Incident id: <code>([0-9a-f]{16})</code>");

  @TempDir static Path data;
  static ArmetServer production;
  static ArmetServer development;
  static HttpClient client;
  ListAppender<ILoggingEvent> incidents;

  @BeforeAll
  static void start() throws Exception {
    production = server(ArmetEnvironment.PRODUCTION);
    development = server(ArmetEnvironment.DEVELOPMENT);
    client = TestTls.client(production.certificate());
  }

  static ArmetServer server(ArmetEnvironment env) throws Exception {
    return ArmetServer.create(
            c ->
                TestCertificates.production(c, data.resolve("pem"))
                    .httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .environment(env)
                    .dataDirectory(data) // both share one certificate
                    .stopAtShutdown(false)
                    .servlet("/app/*", new TestApp()))
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    production.close();
    development.close();
  }

  @BeforeEach
  void captureIncidents() {
    incidents = new ListAppender<>();
    incidents.start();
    ((Logger) LoggerFactory.getLogger("armet.server.error")).addAppender(incidents);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger("armet.server.error")).detachAppender(incidents);
  }

  static HttpResponse<String> get(ArmetServer server, String path, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertRevealsNothing(String body) {
    assertThat(body.toLowerCase(Locale.ROOT))
        .doesNotContain("jetty", "exception", "at dev.armet", "caused by");
    assertThat(body).doesNotContain(TestApp.SECRET, "/app/", "<script");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/missing",
        "/nowhere",
        "/app/fail",
        "/app/boom",
        "/app/markup",
        "/_armet/error"
      })
  void production_errorPages_revealNothing(String path) throws Exception {
    HttpResponse<String> response = get(production, path, "text/html");
    assertThat(response.statusCode()).isIn(404, 500);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(response.body()).contains("<h1>" + response.statusCode() + " ");
    assertRevealsNothing(response.body());
  }

  @Test
  void production_uncaughtException_logsIncidentIdWithException() throws Exception {
    HttpResponse<String> response = get(production, "/app/boom", null);
    assertThat(response.statusCode()).isEqualTo(500);
    Matcher m = INCIDENT.matcher(response.body());
    assertThat(m.find()).as("incident id in %s", response.body()).isTrue();
    String id = m.group(1);
    assertThat(incidents.list)
        .anySatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).contains(id, "/app/boom");
              assertThat(e.getThrowableProxy()).isNotNull();
              assertThat(e.getThrowableProxy().getMessage()).isEqualTo(TestApp.SECRET);
            });
  }

  @Test
  void production_jsonError_followsAccept() throws Exception {
    HttpResponse<String> response = get(production, "/app/missing", "application/json");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"Not Found\",\"status\":404}");
  }

  @Test
  void production_json5xx_carriesIncidentOnly() throws Exception {
    HttpResponse<String> response =
        get(production, "/app/fail", "application/json, text/html;q=0.5");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .matches(
            "\\{\"error\":\"Internal Server Error\",\"status\":500,\"incident\":\"[0-9a-f]{16}\"}");
  }

  @Test
  void production_browserAccept_getsHtml() throws Exception {
    HttpResponse<String> response =
        get(
            production,
            "/nowhere",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html;charset=utf-8");
  }

  @Test
  void production_badRequest_revealsNothing() throws Exception {
    RawHttp.Response response =
        RawHttp.sendTls(
            TestTls.trusting(production.certificate()),
            production.httpsPort(),
            "GET /%zz<script> HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertRevealsNothing(response.body());
    assertThat(response.body().toLowerCase(Locale.ROOT))
        .doesNotContain("ambiguous", "illegal", "%zz");
  }

  @Test
  void development_uncaughtException_showsDetail() throws Exception {
    HttpResponse<String> response = get(development, "/app/boom", "text/html");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains(TestApp.SECRET, "IllegalStateException", "at dev.armet.server.TestApp");
    assertThat(response.body()).containsPattern(INCIDENT);
    assertThat(response.body().toLowerCase(Locale.ROOT)).doesNotContain("powered by");
  }

  @Test
  void development_detail_isHtmlEscaped() throws Exception {
    HttpResponse<String> response = get(development, "/app/markup", "text/html");
    assertThat(response.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void development_jsonDetail_isEscaped() throws Exception {
    HttpResponse<String> response = get(development, "/app/markup", "application/json");
    assertThat(response.body()).contains("\"message\":\"\\u003cscript>alert(1)\\u003c/script>\"");
  }
}
