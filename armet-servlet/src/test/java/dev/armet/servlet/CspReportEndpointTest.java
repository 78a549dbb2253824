package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.event.SecurityEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CspReportEndpointTest {
  static final List<SecurityEvent> EVENTS = new CopyOnWriteArrayList<>();
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        new TestServer(ArmetFilter.create(a -> a.events(EVENTS::add).maxReportBytes(2048)), true)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void clear() {
    EVENTS.clear();
  }

  static HttpResponse<String> post(String type, String body) throws Exception {
    return server.send(
        HttpRequest.newBuilder(server.uri(ArmetFilter.DEFAULT_CSP_REPORT_PATH))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  @Test
  void legacyReport_accepted204_andRecorded() throws Exception {
    HttpResponse<String> res =
        post(
            "application/csp-report",
            "{\"csp-report\":{\"document-uri\":\"https://x/\",\"effective-directive\":\"script-src-elem\","
                + "\"blocked-uri\":\"inline\",\"line-number\":3}}");
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(res.body()).isEmpty();
    assertThat(EVENTS)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("csp_violation");
              assertThat(e.fields())
                  .containsEntry("directive", "script-src-elem")
                  .containsEntry("blocked", "inline");
              assertThat(e.sourceAddress()).contains("127.0.0.1");
              assertThat(e.requestUri()).contains("/_armet/csp-report");
            });
  }

  @Test
  void reportingApiBatch_eachViolationRecorded() throws Exception {
    String one =
        "{\"type\":\"csp-violation\",\"body\":{\"effectiveDirective\":\"img-src\",\"blockedURL\":\"https://e/\"}}";
    HttpResponse<String> res = post("application/reports+json", "[" + one + "," + one + "]");
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(EVENTS).hasSize(2).allMatch(e -> e.type().equals("csp_violation"));
  }

  @Test
  void oversizedBody_refused413_andRecordedWithoutContent() throws Exception {
    HttpResponse<String> res =
        post(
            "application/csp-report",
            "{\"csp-report\":{\"effective-directive\":\"" + "x".repeat(4000) + "\"}}");
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(EVENTS)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("csp_report_rejected");
              assertThat(e.fields()).containsEntry("reason", "too_large");
            });
    assertThat(EVENTS.get(0).toString()).doesNotContain("xxxx");
  }

  @Test
  void malformedJson_refused400() throws Exception {
    assertThat(post("application/csp-report", "{\"csp-report\":").statusCode()).isEqualTo(400);
    assertThat(EVENTS)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("csp_report_rejected");
              assertThat(e.fields()).containsEntry("reason", "malformed");
            });
  }

  @Test
  void wrongMediaType_refused415() throws Exception {
    assertThat(post("text/plain", "hello").statusCode()).isEqualTo(415);
    assertThat(EVENTS).isEmpty();
  }

  @Test
  void get_refused405WithAllow() throws Exception {
    HttpResponse<String> res = server.get(ArmetFilter.DEFAULT_CSP_REPORT_PATH);
    assertThat(res.statusCode()).isEqualTo(405);
    assertThat(res.headers().firstValue("allow")).contains("POST, OPTIONS");
    assertThat(res.headers().firstValue("x-content-type-options")).contains("nosniff");
  }

  @Test
  void endpointOff_pathFallsThroughToApplication() throws Exception {
    try (TestServer s =
        new TestServer(
                ArmetFilter.create(a -> a.cspReportPath(null).noCsrf().events(EVENTS::add)), false)
            .servlet(
                ArmetFilter.DEFAULT_CSP_REPORT_PATH,
                ArmetFilterHeadersTest.text((req, res) -> res.getWriter().write("app")))
            .start()) {
      HttpResponse<String> res =
          s.send(
              HttpRequest.newBuilder(s.uri(ArmetFilter.DEFAULT_CSP_REPORT_PATH))
                  .header("Content-Type", "application/csp-report")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"csp-report\":{\"effective-directive\":\"x\"}}"))
                  .build());
      assertThat(res.body()).isEqualTo("app");
      assertThat(EVENTS).isEmpty();
    }
  }
}
