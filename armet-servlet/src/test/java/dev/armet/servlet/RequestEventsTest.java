package dev.armet.servlet;

import static dev.armet.servlet.ArmetFilterHeadersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventFormat;
import dev.armet.event.SecurityEventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every event created while the filter serves a request names the client and the path, whichever
 * component records it (here the application's own sink), never the query string or a path
 * parameter; on a real Jetty.
 */
class RequestEventsTest {
  final List<SecurityEvent> filterEvents = new CopyOnWriteArrayList<>();
  final List<SecurityEvent> appEvents = new CopyOnWriteArrayList<>();
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Test
  void eventDuringRequest_namesSourceAndPath_withoutQueryOrPathParameters() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a -> a.environment(ArmetEnvironment.DEVELOPMENT).events(filterEvents::add));
    SecurityEventSink json = SecurityEventSink.lines(SecurityEventFormat.JSON, lines::add);
    try (TestServer server =
        new TestServer(filter, true)
            .servlet(
                "/*",
                text(
                    (req, res) -> {
                      SecurityEvent e = SecurityEvent.of("authn_login_fail").with("account", "h");
                      appEvents.add(e);
                      json.record(e);
                      res.getWriter().write("ok");
                    }))
            .start()) {
      assertThat(server.get("/login;jsessionid=SECRET1/step;v=2?token=SECRET2", null).statusCode())
          .isEqualTo(200);
    }
    assertThat(appEvents)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.sourceAddress()).contains("127.0.0.1");
              assertThat(e.requestUri()).contains("/login/step");
            });
    assertThat(lines)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("\"source_ip\":\"127.0.0.1\",\"request_uri\":\"/login/step\"")
                    .doesNotContain("SECRET"));
  }

  @Test
  void tamperedSessionCookie_eventNamesTheRequest() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a -> a.environment(ArmetEnvironment.DEVELOPMENT).events(filterEvents::add));
    try (TestServer server =
        new TestServer(filter, true)
            .servlet("/*", text((req, res) -> res.getWriter().write("ok")))
            .start()) {
      server.get("/account", "__Host-id=forged");
    }
    assertThat(filterEvents)
        .filteredOn(e -> e.type().equals("session_tampered"))
        .singleElement()
        .satisfies(e -> assertThat(e.requestUri()).contains("/account"));
  }
}
