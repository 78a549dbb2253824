package dev.armet.servlet;

import static dev.armet.servlet.ArmetFilterHeadersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.session.CookieSessions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application's own exception is what leaves the filter; a session commit failure rides along.
 */
class ArmetFilterExceptionTest {
  @Test
  void
      applicationThrows_andSessionCommitFails_applicationExceptionPropagatesWithCommitFailureSuppressed()
          throws Exception {
    // Cookie sessions refuse, at commit, a session too large for its cookie.
    ArmetFilter armet =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .noCsrf()
                    .sessions(
                        CookieSessions.create(c -> c.environment(ArmetEnvironment.DEVELOPMENT))));
    CompletableFuture<Throwable> escaped = new CompletableFuture<>();
    Filter observer =
        new Filter() {
          @Override
          public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
              throws IOException, ServletException {
            try {
              armet.doFilter(req, res, chain);
              escaped.complete(null);
            } catch (IOException | ServletException | RuntimeException e) {
              escaped.complete(e);
              throw e;
            }
          }
        };
    IllegalArgumentException appFailure = new IllegalArgumentException("the application failed");
    try (TestServer server =
        new TestServer(observer, true)
            .servlet(
                "/fail",
                text(
                    (req, res) -> {
                      req.getSession(true)
                          .setAttribute("cart", "x".repeat(8000)); // cannot be committed…
                      throw appFailure; // …and the application fails first
                    }))
            .start()) {
      server.get("/fail");
      Throwable thrown = escaped.get(10, TimeUnit.SECONDS);
      assertThat(thrown).isSameAs(appFailure);
      assertThat(thrown.getSuppressed())
          .singleElement()
          .isInstanceOf(IllegalStateException.class)
          .satisfies(s -> assertThat(s.getMessage()).contains("cookie session"));
    }
  }
}
