package dev.armet.servlet;

import static dev.armet.servlet.ArmetFilterHeadersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A route's own header changes survive a reset and an error page; the policy does not return. */
class ArmetHeadersReapplyTest {
  static ArmetFilter filter() {
    return ArmetFilter.create(
        a -> a.environment(ArmetEnvironment.DEVELOPMENT).noCsrf().noSessions());
  }

  @Test
  void allowFraming_thenErrorPage_xFrameOptionsStaysAway() throws Exception {
    try (TestServer server =
        new TestServer(filter(), true)
            .servlet(
                "/widget",
                text(
                    (req, res) -> {
                      ArmetHeaders.of(req).allowFraming("https://partner.example");
                      throw new IllegalStateException("the widget failed");
                    }))
            .servlet("/error", text((req, res) -> res.getWriter().write("sorry")))
            .errorPage("/error")
            .start()) {
      HttpResponse<String> res = server.get("/widget");
      assertThat(res.statusCode()).isEqualTo(500);
      assertThat(res.headers().firstValue("x-frame-options")).isEmpty();
      assertThat(res.headers().firstValue("content-security-policy").orElseThrow())
          .contains("frame-ancestors 'self' https://partner.example");
    }
  }

  @Test
  void allowFramingAndRemove_thenReset_changesStay() throws Exception {
    try (TestServer server =
        new TestServer(filter(), true)
            .servlet(
                "/widget",
                text(
                    (req, res) -> {
                      ArmetHeaders.of(req)
                          .allowFraming("https://partner.example")
                          .remove("Referrer-Policy")
                          .noStore();
                      res.getWriter().write("draft");
                      res.reset();
                      res.getWriter().write("widget");
                    }))
            .start()) {
      HttpResponse<String> res = server.get("/widget");
      assertThat(res.body()).isEqualTo("widget");
      assertThat(res.headers().firstValue("x-frame-options")).isEmpty();
      assertThat(res.headers().firstValue("referrer-policy")).isEmpty();
      assertThat(res.headers().firstValue("cache-control"))
          .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
      assertThat(res.headers().firstValue("x-content-type-options")).contains("nosniff");
    }
  }
}
