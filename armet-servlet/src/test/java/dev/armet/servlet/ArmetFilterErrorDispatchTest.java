package dev.armet.servlet;

import static dev.armet.servlet.ArmetFilterHeadersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * An error page rendered on an ERROR dispatch still sees the Armet session, never the container's.
 */
class ArmetFilterErrorDispatchTest {
  @Test
  void errorPage_getSession_isArmets_andNoJsessionid() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(a -> a.environment(ArmetEnvironment.DEVELOPMENT).noCsrf());
    try (TestServer server =
        TestServer.withContainerSessions(filter, true)
            .servlet(
                "/boom",
                text(
                    (req, res) -> {
                      throw new IllegalStateException("boom");
                    }))
            .servlet(
                "/error",
                text(
                    (req, res) -> {
                      req.getSession(true).setAttribute("seen", 1);
                      res.getWriter().write(req.getSession().getClass().getSimpleName());
                    }))
            .errorPage("/error")
            .start()) {
      HttpResponse<String> res = server.get("/boom");
      assertThat(res.statusCode()).isEqualTo(500);
      assertThat(res.body()).isEqualTo("ArmetHttpSession");
      assertThat(res.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
      assertThat(res.headers().firstValue("x-frame-options")).contains("SAMEORIGIN");
    }
  }
}
