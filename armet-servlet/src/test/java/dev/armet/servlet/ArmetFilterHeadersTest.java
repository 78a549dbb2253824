package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.headers.FrameOptions;
import dev.armet.headers.Helmet8;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter on a real Jetty: headers on every kind of response the issue lists. */
class ArmetFilterHeadersTest {
  static final Map<String, String> HELMET_8 = Helmet8.HEADERS;

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        new TestServer(ArmetFilter.defaults(), true)
            .servlet("/ok", text((req, res) -> res.getWriter().write("ok")))
            .servlet("/missing", text((req, res) -> res.sendError(404)))
            .servlet("/boom", text((req, res) -> res.sendError(500, "secret detail")))
            .servlet(
                "/throws",
                text(
                    (req, res) -> {
                      throw new IllegalStateException("internal detail");
                    }))
            .servlet("/redirect", text((req, res) -> res.sendRedirect("/ok")))
            .servlet(
                "/flushed",
                text(
                    (req, res) -> {
                      res.getWriter().write("early");
                      res.flushBuffer();
                      res.getWriter().write(" and late");
                    }))
            .servlet(
                "/async",
                text(
                    (req, res) -> {
                      AsyncContext async = req.startAsync();
                      async.start(
                          () -> {
                            try {
                              async.getResponse().getWriter().write("async");
                            } catch (IOException e) {
                              throw new java.io.UncheckedIOException(e);
                            }
                            async.complete();
                          });
                    }))
            .servlet(
                "/reset",
                text(
                    (req, res) -> {
                      res.setHeader("X-App", "1");
                      res.reset();
                      res.getWriter().write("after reset");
                    }))
            .servlet(
                "/app-wins",
                text(
                    (req, res) -> {
                      res.setHeader("X-Frame-Options", "DENY");
                      res.getWriter().write("framed?");
                    }))
            .servlet(
                "/widget",
                text(
                    (req, res) -> {
                      ArmetHeaders.of(req).allowFraming("https://partner.example").noStore();
                      res.getWriter().write("widget");
                    }))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/ok",
        "/missing",
        "/boom",
        "/throws",
        "/redirect",
        "/flushed",
        "/async",
        "/reset",
        "/nowhere"
      })
  void everyKindOfResponse_carriesTheFullSet(String path) throws Exception {
    HttpResponse<String> res = server.get(path);
    assertHelmetHeaders(res.headers());
  }

  @Test
  void head_carriesTheFullSet() throws Exception {
    HttpResponse<String> res =
        server.send(
            HttpRequest.newBuilder(server.uri("/ok"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(res.statusCode()).isEqualTo(200);
    assertHelmetHeaders(res.headers());
  }

  @Test
  void reset_reappliesPolicyAndDropsAppHeaders() throws Exception {
    HttpResponse<String> res = server.get("/reset");
    assertThat(res.body()).isEqualTo("after reset");
    assertThat(res.headers().firstValue("x-app")).isEmpty();
  }

  @Test
  void appSetHeader_winsOverPolicy() throws Exception {
    assertThat(server.get("/app-wins").headers().allValues("x-frame-options"))
        .containsExactly("DENY");
  }

  @Test
  void perRequestAdjustment_appliesToThatResponseOnly() throws Exception {
    HttpHeaders widget = server.get("/widget").headers();
    assertThat(widget.firstValue("x-frame-options")).isEmpty();
    assertThat(widget.firstValue("content-security-policy").orElseThrow())
        .contains("frame-ancestors 'self' https://partner.example;");
    assertThat(widget.firstValue("cache-control")).contains("no-store, max-age=0");
    HttpHeaders ok = server.get("/ok").headers();
    assertThat(ok.firstValue("x-frame-options")).contains("SAMEORIGIN");
    assertThat(ok.firstValue("cache-control")).isEmpty();
  }

  @Test
  void plainHttp_getsNoHsts() throws Exception {
    try (TestServer plain =
        new TestServer(ArmetFilter.defaults(), false)
            .servlet("/ok", text((req, res) -> res.getWriter().write("ok")))
            .start()) {
      HttpHeaders h = plain.get("/ok").headers();
      assertThat(h.firstValue("strict-transport-security")).isEmpty();
      assertThat(h.firstValue("x-frame-options")).contains("SAMEORIGIN");
    }
  }

  @Test
  void nonce_attributeMatchesHeader_andIsFreshPerResponse() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.headers(
                    h ->
                        h.contentSecurityPolicy(c -> c.nonce("script-src"))
                            .frameOptions(FrameOptions.DENY)));
    try (TestServer s =
        new TestServer(filter, true)
            .servlet(
                "/page",
                text(
                    (req, res) ->
                        res.getWriter()
                            .write(
                                req.getAttribute(ArmetFilter.CSP_NONCE)
                                    + "|"
                                    + ArmetHeaders.of(req).nonce())))
            .start()) {
      HttpResponse<String> first = s.get("/page");
      HttpResponse<String> second = s.get("/page");
      String[] parts = first.body().split("\\|");
      assertThat(parts[0]).isEqualTo(parts[1]).hasSize(24);
      Matcher m =
          Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'")
              .matcher(first.headers().firstValue("content-security-policy").orElseThrow());
      assertThat(m.find()).isTrue();
      assertThat(m.group(1)).isEqualTo(parts[0]);
      assertThat(second.body()).doesNotContain(parts[0]);
    }
  }

  static void assertHelmetHeaders(HttpHeaders headers) {
    HELMET_8.forEach(
        (name, value) -> assertThat(headers.allValues(name)).as(name).containsExactly(value));
    assertThat(headers.firstValue("permissions-policy")).isPresent();
    assertThat(headers.firstValue("server")).isEmpty();
    assertThat(headers.firstValue("x-powered-by")).isEmpty();
  }

  interface Handler {
    void handle(HttpServletRequest req, HttpServletResponse res) throws Exception;
  }

  static HttpServlet text(Handler handler) {
    return new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain;charset=utf-8");
        try {
          handler.handle(req, res);
        } catch (IOException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
