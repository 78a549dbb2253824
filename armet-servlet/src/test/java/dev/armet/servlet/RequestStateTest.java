package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.csrf.CsrfToken;
import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.servlet.RequestState;
import dev.armet.net.ClientAddress;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.servlet.session.ServletSessions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: Armet keeps its per-request state (headers, parsed cookies, session, the rate limits'
 * once-per-request mark) and its public attributes (the resolved client address, the CSRF token) in
 * the request it passes on, out of the container's attribute map (on Jetty a map made per request
 * on the first attribute), until async needs them there. Each request gets its own state, also when
 * requests follow each other on one thread and when the application reads it from an async thread.
 */
class RequestStateTest {
  final List<String> set = new CopyOnWriteArrayList<>();
  final List<String> seenByApp = new CopyOnWriteArrayList<>();

  ArmetFilter armet() {
    HttpRateLimits limits =
        HttpRateLimits.builder()
            .route(
                "/*", r -> r.limit(RateLimitPolicy.tokenBucket("all", 1_000, Duration.ofHours(1))))
            .store(InMemoryRateLimitStore.create())
            .environment(ArmetEnvironment.DEVELOPMENT)
            .build();
    return ArmetFilter.create(a -> a.environment(ArmetEnvironment.DEVELOPMENT).rateLimits(limits));
  }

  Filter recordingSetAttribute(ArmetFilter armet) {
    return (req, res, chain) ->
        armet.doFilter(
            new HttpServletRequestWrapper((HttpServletRequest) req) {
              @Override
              public void setAttribute(String name, Object o) {
                set.add(name);
                super.setAttribute(name, o);
              }
            },
            res,
            chain);
  }

  final HttpServlet app =
      new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
          if (request.getParameter("login") != null) {
            request.getSession(true).setAttribute("user", "u1");
          }
          if (request.getParameter("async") != null) {
            AsyncContext async = request.startAsync();
            async.start(
                () -> {
                  try {
                    seenByApp.add(describe(request));
                    async.getResponse().getWriter().write("async");
                  } catch (IOException | RuntimeException e) {
                    seenByApp.add("failed: " + e);
                  }
                  async.complete();
                });
            return;
          }
          seenByApp.add(describe(request));
          response.getWriter().write("ok");
        }
      };

  static String describe(HttpServletRequest request) {
    Object user =
        ServletSessions.of(request).flatMap(s -> s.get("user")).orElse("no session attribute");
    return user
        + " headers="
        + (ArmetHeaders.of(request) != null)
        + " csrf="
        + (request.getAttribute("_csrf") instanceof CsrfToken)
        + " client="
        + (request.getAttribute(ClientAddressRequest.ATTRIBUTE) instanceof ClientAddress);
  }

  @Test
  void oneStateAttribute_besideThePublicOnes_andEachRequestSeesItsOwnSession() throws Exception {
    try (TestServer server =
        new TestServer(recordingSetAttribute(armet()), false).servlet("/", app).start()) {
      HttpResponse<String> login = server.get("/?login", null);
      String cookies =
          login.headers().allValues("set-cookie").stream()
              .map(c -> c.split(";", 2)[0])
              .collect(Collectors.joining("; "));
      set.clear();
      seenByApp.clear();

      assertThat(server.get("/", cookies).body()).isEqualTo("ok");
      assertThat(server.get("/", null).body()).isEqualTo("ok"); // same server, no cookie
      assertThat(server.get("/?async", cookies).body()).isEqualTo("async");

      assertThat(seenByApp)
          .containsExactly(
              "u1 headers=true csrf=true client=true",
              "no session attribute headers=true csrf=true client=true",
              "u1 headers=true csrf=true client=true");
      // Two plain requests set nothing in the container's map; the async one is published when
      // the application starts async, so that its ASYNC side finds everything.
      assertThat(set)
          .as("attributes Armet set in the container's request in three requests")
          .containsExactly(
              RequestState.class.getName(),
              ClientAddressRequest.ATTRIBUTE,
              ServletCsrf.ATTRIBUTE,
              CsrfToken.class.getName());
    }
  }
}
