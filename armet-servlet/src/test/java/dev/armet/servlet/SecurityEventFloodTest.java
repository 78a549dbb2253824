package dev.armet.servlet;

import static dev.armet.servlet.ArmetFilterHeadersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Unauthenticated requests cannot amplify logging: every event a request triggers passes the
 * filter's one gate, the CSP report endpoint is behind the rate limits and records a bounded number
 * of events per request. Counted on a real Jetty, with the gate's clock held still.
 */
class SecurityEventFloodTest {
  static final String VIOLATION =
      "{\"type\":\"csp-violation\",\"body\":{\"effectiveDirective\":\"img-src\",\"blockedURL\":\"https://e/\"}}";

  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final MutableClock clock = new MutableClock();

  /** The filter's own gate (in front of a plain sink), with its clock held still. */
  final java.util.function.Consumer<EventGate.Builder> gate = g -> g.burst(3).clock(clock);

  static String batch(int reports) {
    return "[" + String.join(",", java.util.Collections.nCopies(reports, VIOLATION)) + "]";
  }

  static HttpResponse<String> postReport(TestServer server, String body) throws Exception {
    return server.send(
        HttpRequest.newBuilder(server.uri(ArmetFilter.DEFAULT_CSP_REPORT_PATH))
            .header("Content-Type", "application/reports+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  long count(String type) {
    return events.stream().filter(e -> e.type().equals(type)).count();
  }

  @Test
  void cspReport_batchOfManyViolations_recordsABoundedNumberPerRequest() throws Exception {
    List<SecurityEvent> plain = new CopyOnWriteArrayList<>();
    try (TestServer server =
        new TestServer(ArmetFilter.create(a -> a.events(plain::add)), true).start()) {
      assertThat(postReport(server, batch(100)).statusCode()).isEqualTo(204);
    }
    assertThat(plain).hasSizeLessThanOrEqualTo(CspReportEndpoint.MAX_EVENTS_PER_REPORT);
    assertThat(plain.get(plain.size() - 1).fields()).containsEntry("omitted", 95);
  }

  @Test
  void cspReport_isBehindTheRateLimits() throws Exception {
    List<SecurityEvent> plain = new CopyOnWriteArrayList<>();
    HttpRateLimits limits =
        HttpRateLimits.builder()
            .events(plain::add)
            .route("/*", r -> r.limit(RateLimitPolicy.fixedWindow("all", 2, Duration.ofMinutes(1))))
            .build();
    try (TestServer server =
        new TestServer(ArmetFilter.create(a -> a.events(plain::add).rateLimits(limits)), true)
            .start()) {
      assertThat(postReport(server, batch(1)).statusCode()).isEqualTo(204);
      assertThat(postReport(server, batch(1)).statusCode()).isEqualTo(204);
      assertThat(postReport(server, batch(1)).statusCode()).isEqualTo(429);
    }
    assertThat(plain.stream().filter(e -> e.type().equals("csp_violation"))).hasSize(2);
  }

  @Test
  void cspReport_flood_passesTheGateThenReportsTheCount() throws Exception {
    ArmetFilter filter = ArmetFilter.create(a -> a.events(events::add).eventGate(gate));
    try (TestServer server = new TestServer(filter, true).start()) {
      for (int i = 0; i < 5; i++) {
        postReport(server, batch(100));
      }
      assertThat(events).hasSize(3);
      clock.advance(Duration.ofSeconds(1));
      postReport(server, batch(1));
    }
    assertThat(events).hasSize(4);
    assertThat(events.get(3).fields())
        .containsEntry(EventGate.SUPPRESSED, 22L); // 5 × 5 − 3 held back
  }

  @Test
  void rejectedSessionCookie_flood_passesTheGate() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a -> a.environment(ArmetEnvironment.DEVELOPMENT).events(events::add).eventGate(gate));
    try (TestServer server =
        new TestServer(filter, true)
            .servlet("/", text((req, res) -> req.getSession(false)))
            .start()) {
      for (int i = 0; i < 20; i++) {
        server.get("/", "__Host-id=forged" + i);
      }
    }
    assertThat(count("session_tampered")).isEqualTo(3);
  }

  @Test
  void csrfRefusal_flood_passesTheGate_andTheNextEventCarriesTheCount() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a -> a.environment(ArmetEnvironment.DEVELOPMENT).events(events::add).eventGate(gate));
    try (TestServer server =
        new TestServer(filter, true)
            .servlet("/", text((req, res) -> res.getWriter().write("ok")))
            .start()) {
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> res =
            server.send(
                HttpRequest.newBuilder(server.uri("/"))
                    .header("Origin", "https://evil.example")
                    .header("Sec-Fetch-Site", "cross-site")
                    .POST(HttpRequest.BodyPublishers.ofString("x=1"))
                    .build());
        assertThat(res.statusCode()).isEqualTo(403);
      }
      assertThat(count("malicious_csrf")).isEqualTo(3);
      clock.advance(Duration.ofSeconds(1));
      server.send(
          HttpRequest.newBuilder(server.uri("/"))
              .header("Origin", "https://evil.example")
              .POST(HttpRequest.BodyPublishers.ofString("x=1"))
              .build());
    }
    assertThat(events.get(events.size() - 1).fields()).containsEntry(EventGate.SUPPRESSED, 17L);
  }
}
