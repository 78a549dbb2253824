package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.event.SecurityEvent;
import dev.armet.net.ClientAddressResolver;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.testing.MutableClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rate-limit gate on a real Jetty, driven by java.net.http. */
class HttpRateLimitsTest {
  final MutableClock clock = new MutableClock();
  final AtomicInteger appCalls = new AtomicInteger();
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  GateTestServer server;

  final HttpServlet app =
      new HttpServlet() {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
          appCalls.incrementAndGet();
          res.setContentType("text/plain");
          res.getWriter()
              .write(
                  req.getRemoteAddr()
                      + " "
                      + req.getScheme()
                      + " "
                      + req.isSecure()
                      + " "
                      + req.getServerName()
                      + " "
                      + req.getServerPort()
                      + " "
                      + req.getRequestURL());
        }
      };

  HttpRateLimits.Builder limits() {
    return HttpRateLimits.builder().clock(clock).events(events::add);
  }

  GateTestServer start(ClientAddressResolver resolver, HttpRateLimits limits) throws Exception {
    server = new GateTestServer(resolver, limits).servlet("/*", app).start();
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void overLimit_answers429WithParsableHeaders_appNotCalled() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .route(
                "/api/*",
                r -> r.limit(RateLimitPolicy.fixedWindow("api", 2, Duration.ofMinutes(1))))
            .build());
    assertThat(server.get("/api/a").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(15));
    assertThat(server.get("/api/b").statusCode()).isEqualTo(200);
    HttpResponse<String> refused = server.get("/api/c");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(appCalls).hasValue(2);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("45");
    assertThat(
            RateLimitHeaderFields.parse(
                refused.headers().firstValue("RateLimit-Policy").orElseThrow()))
        .isEqualTo(Map.of("api", Map.of("q", 2L, "w", 60L)));
    assertThat(RateLimitHeaderFields.parse(refused.headers().firstValue("RateLimit").orElseThrow()))
        .isEqualTo(Map.of("api", Map.of("r", 0L, "t", 45L)));
    assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(refused.body()).isEqualTo("Too Many Requests\n");
    assertThat(server.get("/other").statusCode()).as("other routes unaffected").isEqualTo(200);
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("excess_rate_limit_exceeded");
  }

  @Test
  void allowed_carriesHeadersOnlyWhenConfigured() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .headersOnAllowed(true)
            .route(
                "/*", r -> r.limit(RateLimitPolicy.tokenBucket("all", 10, Duration.ofSeconds(10))))
            .build());
    HttpResponse<String> ok = server.get("/x");
    assertThat(RateLimitHeaderFields.parse(ok.headers().firstValue("RateLimit").orElseThrow()))
        .isEqualTo(Map.of("all", Map.of("r", 9L, "t", 1L)));
    assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void spoofedXForwardedFor_fromUntrustedPeer_sharesThePeersLimit() throws Exception {
    start(
        ClientAddressResolver.builder().trustedProxies("10.0.0.0/8").events(events::add).build(),
        limits()
            .route("/*", r -> r.limit(RateLimitPolicy.fixedWindow("ip", 2, Duration.ofMinutes(1))))
            .build());
    assertThat(server.get("/", "X-Forwarded-For", "192.0.2.1").body())
        .startsWith("127.0.0.1 http false");
    assertThat(server.get("/", "X-Forwarded-For", "192.0.2.2").statusCode()).isEqualTo(200);
    assertThat(server.get("/", "X-Forwarded-For", "192.0.2.3").statusCode()).isEqualTo(429);
    assertThat(events).extracting(SecurityEvent::type).contains("sys_proxy_untrusted_header");
  }

  @Test
  void chainThroughTwoTrustedProxies_eachClientItsOwnLimit_schemeAndHostResolved()
      throws Exception {
    start(
        ClientAddressResolver.builder()
            .trustedProxies("loopback", "10.0.0.0/8")
            .events(events::add)
            .build(),
        limits()
            .route("/*", r -> r.limit(RateLimitPolicy.fixedWindow("ip", 1, Duration.ofMinutes(1))))
            .build());
    HttpResponse<String> a =
        server.get(
            "/page?q=1",
            "X-Forwarded-For",
            "6.6.6.6, 198.51.100.7, 10.1.2.3",
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "shop.example");
    assertThat(a.body())
        .isEqualTo("198.51.100.7 https true shop.example 443 https://shop.example/page");
    assertThat(server.get("/", "X-Forwarded-For", "198.51.100.8, 10.1.2.3").statusCode())
        .isEqualTo(200);
    assertThat(server.get("/", "X-Forwarded-For", "7.7.7.7, 198.51.100.7, 10.1.2.3").statusCode())
        .as("forged leftmost entry does not escape the limit")
        .isEqualTo(429);
  }

  @Test
  void ipv6Clients_groupedBySlash64() throws Exception {
    start(
        ClientAddressResolver.builder().trustedProxies("loopback").events(events::add).build(),
        limits()
            .route("/*", r -> r.limit(RateLimitPolicy.fixedWindow("ip", 1, Duration.ofMinutes(1))))
            .build());
    assertThat(server.get("/", "X-Forwarded-For", "2001:db8:1:2::1").statusCode()).isEqualTo(200);
    assertThat(server.get("/", "X-Forwarded-For", "2001:db8:1:2:ffff::9").statusCode())
        .isEqualTo(429);
    assertThat(server.get("/", "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).isEqualTo(200);
  }

  @Test
  void combinedRoutes_refusalByOne_spendsNothingInOther() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .headersOnAllowed(true)
            .route(
                "/*",
                r -> r.limit(RateLimitPolicy.fixedWindow("global", 100, Duration.ofMinutes(1))))
            .route(
                "/login",
                r ->
                    r.methods("POST")
                        .limit(RateLimitPolicy.fixedWindow("login", 1, Duration.ofMinutes(1))))
            .build());
    HttpRequest.Builder post = server.request("/login").POST(HttpRequest.BodyPublishers.noBody());
    assertThat(server.send(post).statusCode()).isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(
              server
                  .send(server.request("/login").POST(HttpRequest.BodyPublishers.noBody()))
                  .statusCode())
          .isEqualTo(429);
    }
    HttpResponse<String> get = server.get("/login");
    assertThat(get.statusCode()).as("GET is not limited by the POST-only route").isEqualTo(200);
    assertThat(RateLimitHeaderFields.parse(get.headers().firstValue("RateLimit").orElseThrow()))
        .isEqualTo(Map.of("global", Map.of("r", 98L, "t", 60L)));
  }

  @Test
  void routeCost_spendsItsPointsInSharedLimit() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .headersOnAllowed(true)
            .route(
                "/*", r -> r.limit(RateLimitPolicy.fixedWindow("all", 10, Duration.ofMinutes(1))))
            .route(
                "/search",
                r ->
                    r.cost(4)
                        .limit(RateLimitPolicy.fixedWindow("search", 8, Duration.ofMinutes(1))))
            .build());
    HttpResponse<String> search = server.get("/search");
    assertThat(RateLimitHeaderFields.parse(search.headers().firstValue("RateLimit").orElseThrow()))
        .isEqualTo(Map.of("all", Map.of("r", 9L, "t", 60L), "search", Map.of("r", 4L, "t", 60L)));
    server.get("/search");
    assertThat(server.get("/search").statusCode()).isEqualTo(429);
    assertThat(server.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void keyFromHeader_absentKeySkipsThatLimit() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .route(
                "/api/*",
                r ->
                    r.limit(
                        RateLimitPolicy.fixedWindow("key", 1, Duration.ofMinutes(1)),
                        RequestKey.header("X-Api-Key")))
            .build());
    assertThat(server.get("/api/x", "X-Api-Key", "k1").statusCode()).isEqualTo(200);
    assertThat(server.get("/api/x", "X-Api-Key", "k1").statusCode()).isEqualTo(429);
    assertThat(server.get("/api/x", "X-Api-Key", "k2").statusCode()).isEqualTo(200);
    assertThat(server.get("/api/x").statusCode()).isEqualTo(200);
  }

  @Test
  void dryRun_neverRefusesButReportsHeaders() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .headersOnAllowed(true)
            .route(
                "/*",
                r ->
                    r.limit(
                        RateLimitPolicy.builder("trial")
                            .fixedWindow(1, Duration.ofMinutes(1))
                            .dryRun(true)
                            .build()))
            .build());
    server.get("/");
    HttpResponse<String> over = server.get("/");
    assertThat(over.statusCode()).isEqualTo(200);
    assertThat(
            RateLimitHeaderFields.parse(over.headers().firstValue("RateLimit").orElseThrow())
                .get("trial"))
        .containsEntry("r", 0L);
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("excess_rate_limit_exceeded");
  }

  @Test
  void storeDown_failsClosedWith503() throws Exception {
    start(
        ClientAddressResolver.direct(),
        limits()
            .store(
                c -> {
                  throw new RateLimitStoreException("timeout after 50 ms");
                })
            .route("/*", r -> r.limit(RateLimitPolicy.fixedWindow("ip", 10, Duration.ofMinutes(1))))
            .build());
    HttpResponse<String> down = server.get("/");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(down.body()).doesNotContain("timeout");
    assertThat(appCalls).hasValue(0);
  }

  @Test
  void errorDispatch_countedOnce() throws Exception {
    server =
        new GateTestServer(
                ClientAddressResolver.direct(),
                limits()
                    .route(
                        "/*",
                        r -> r.limit(RateLimitPolicy.fixedWindow("ip", 2, Duration.ofMinutes(1))))
                    .build())
            .servlet(
                "/*",
                new HttpServlet() {
                  @Override
                  protected void service(HttpServletRequest req, HttpServletResponse res)
                      throws IOException {
                    res.sendError(404);
                  }
                })
            .start();
    assertThat(server.get("/missing").statusCode()).isEqualTo(404);
    assertThat(server.get("/missing").statusCode()).isEqualTo(404);
    assertThat(server.get("/missing").statusCode()).isEqualTo(429);
  }
}
