package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.ratelimit.StoreFailurePolicy;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.spi.StoreObserver;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Micrometer counters on the plain filter; Micrometer stays optional. */
class ArmetMetricsTest {
  @Test
  void meterRegistry_countsEveryCsrfRefusal_evenPastTheLogGate() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<SecurityEvent> logged = new CopyOnWriteArrayList<>();
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .events(logged::add)
                    .eventGate(g -> g.burst(2))
                    .meterRegistry(registry));
    try (TestServer server = new TestServer(filter, false).start()) {
      // More than the default burst (10) of a component's own gate: each must still be counted.
      for (int i = 0; i < 25; i++) {
        int status =
            server
                .send(
                    HttpRequest.newBuilder(server.uri("/"))
                        .header("Sec-Fetch-Site", "cross-site")
                        .header("Origin", "https://evil.example")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build())
                .statusCode();
        assertThat(status).isEqualTo(403);
      }
    }
    assertThat(registry.get("armet.requests.rejected").tag("control", "csrf").counter().count())
        .isEqualTo(25);
    assertThat(logged.stream().filter(e -> e.type().equals("malicious_csrf"))).hasSizeLessThan(25);
  }

  @Test
  void meterRegistry_notARegistry_refusedWithClearMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ArmetFilter.builder().meterRegistry("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meterRegistry must be an io.micrometer MeterRegistry, was java.lang.String");
  }

  @Test
  void count_tagsAreBounded_attackerTextBecomesOther() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ArmetMetrics.count(registry, SecurityEvent.of("csrf.refused").with("reason", "/admin?u=<x>"));
    ArmetMetrics.count(registry, SecurityEvent.of("csp.violation").with("directive", "evil\r\n"));
    assertThat(registry.get("armet.requests.rejected").tag("reason", "other").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("armet.csp.reports").tag("directive", "other").counter().count())
        .isEqualTo(1);
  }

  @Test
  void withoutMicrometer_theFilterBuildsAndLoadsNoneOfIt() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("micrometer")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> filter = loader.loadClass(ArmetFilter.class.getName());
      Object builder = filter.getMethod("builder").invoke(null);
      assertThat(builder.getClass().getMethods()).isNotEmpty(); // reflection as frameworks do it
      Class<?> env = loader.loadClass(ArmetEnvironment.class.getName());
      builder
          .getClass()
          .getMethod("environment", env)
          .invoke(builder, env.getField("DEVELOPMENT").get(null));
      Object built = builder.getClass().getMethod("build").invoke(builder);
      assertThat(built.getClass().getName()).isEqualTo(ArmetFilter.class.getName());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void meterRegistry_timesTheDefaultSessionStore() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .events(e -> {})
                    .meterRegistry(registry));
    try (TestServer server = new TestServer(filter, true).servlet("/*", new Counting()).start()) {
      HttpResponse<String> first = server.get("/", null);
      String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      assertThat(server.get("/", cookie).body()).isEqualTo("2");
    }
    assertThat(timer(registry, "sessions", "save", "ok")).isEqualTo(2);
    assertThat(timer(registry, "sessions", "load", "hit")).isEqualTo(1);
    assertThat(registry.get("armet.sessions").tag("event", "created").counter().count())
        .isEqualTo(1);
  }

  /**
   * A failing rate-limit store: one fallback decision (fail closed), one refused request. The
   * limiter's event and the 503's event were both counted as refusals before.
   */
  @Test
  void storeFailure_countsOneFallback_andOneRefusal() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RateLimitStore down =
        c -> {
          throw new RateLimitStoreException("connection refused");
        };
    StoreObserver timers = ArmetMetrics.storeObserver(registry);
    SecurityEventSink counted = ArmetMetrics.counting(registry, e -> {});
    HttpRateLimits limits =
        HttpRateLimits.builder()
            .store(ObservedStores.rateLimits(down, timers))
            .route("/*", r -> r.limit(RateLimitPolicy.fixedWindow("all", 5, Duration.ofMinutes(1))))
            .events(counted)
            .build();
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .events(counted)
                    .noSessions()
                    .noCsrf()
                    .rateLimits(limits));
    try (TestServer server = new TestServer(filter, false).servlet("/*", new Counting()).start()) {
      assertThat(server.get("/", null).statusCode()).isEqualTo(503);
    }
    assertThat(registry.get("armet.store.fallback").tag("then", "fail_closed").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("armet.requests.rejected")
                .tag("control", "ratelimit")
                .tag("reason", "store_unavailable")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(timer(registry, "rate_limits", "consume", "error")).isEqualTo(1);
  }

  @Test
  void storeFailure_withInsurance_countsTheFallback_notARefusal() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RateLimitStore down =
        c -> {
          throw new RateLimitStoreException("timed out");
        };
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("p", 5, Duration.ofMinutes(1)))
            .store(down)
            .onStoreFailure(StoreFailurePolicy.insurance(InMemoryRateLimitStore.create()))
            .events(ArmetMetrics.counting(registry, e -> {}))
            .build();
    assertThat(limiter.consume("k").isAllowed()).isTrue();
    assertThat(registry.get("armet.store.fallback").tag("then", "insurance").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("armet.requests.rejected").counter()).isNull();
  }

  private static long timer(SimpleMeterRegistry registry, String store, String op, String outcome) {
    Timer t =
        registry
            .find("armet.store.operations")
            .tag("store", store)
            .tag("op", op)
            .tag("outcome", outcome)
            .timer();
    return t == null ? 0 : t.count();
  }

  /** Counts this session's requests in the session. */
  private static final class Counting extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      HttpSession session = request.getSession();
      Object seen = session.getAttribute("n");
      long n = seen instanceof Number k ? k.longValue() + 1 : 1;
      session.setAttribute("n", n);
      response.getWriter().print(n);
    }
  }
}
