package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.StoreFailurePolicy;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.servlet.TestServer;
import dev.armet.session.ServerSessions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ArmetFilter's asynchronous path ({@code asyncStoreCalls}) on a real Redis of this test's own and
 * a real Jetty: the request's thread is released while Redis decides, and the request resumes with
 * its decision and the session read that rode along: still one round trip, the same refusals, the
 * same failure policy, bounded by the store's timeout.
 */
class AsyncRequestsTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final int REQUESTS = 20;
  private final Queue<DispatcherType> appDispatches = new ConcurrentLinkedQueue<>();
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private OwnRedisServer server;
  private RedisStores redis;
  private TestServer app;

  @BeforeEach
  void start() throws Exception {
    server = new OwnRedisServer();
    server.start();
    redis =
        RedisStores.open(
            server.uri(), b -> b.keyPrefix(LocalRedis.freshPrefix()).commandTimeout(TIMEOUT));
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (redis != null) {
      assertThat(redis.rateLimits().divergences()).isZero();
      redis.close();
    }
    server.close();
  }

  @Test
  void signedInRead_resumesWithTheSession_inOneRoundTripEach() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 1_000_000, true);
    String cookie = login();
    assertThat(app.get("/read", cookie).body()).isEqualTo("alice"); // warm: script cached
    appDispatches.clear();
    Map<String, Long> before = stats();
    for (int i = 0; i < REQUESTS; i++) {
      HttpResponse<String> r = app.get("/read", cookie);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("alice");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
    Map<String, Long> ran = minus(stats(), before);
    assertThat(ran.get("reads")).isEqualTo(REQUESTS + 2L); // + the two INFO commands
    assertThat(ran.get("evalsha")).isEqualTo((long) REQUESTS);
    assertThat(ran.get("hmget")).isEqualTo((long) REQUESTS); // inside the script
    assertThat(ran).doesNotContainKeys("hset", "pexpire", "eval");
    // Parked and resumed (a reply that beats the park check goes on synchronously: never both).
    assertThat(appDispatches).hasSize(REQUESTS).contains(DispatcherType.ASYNC);
  }

  @Test
  void limitedRequest_getsTheSame429AsTheSynchronousPath() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 2, true);
    HttpResponse<String> async = thirdRequest();
    app.close();
    app = app(StoreFailurePolicy.failClosed(), 2, false);
    HttpResponse<String> sync = thirdRequest();
    assertThat(async.statusCode()).isEqualTo(429);
    assertThat(async.body()).isEqualTo("Too Many Requests\n").isEqualTo(sync.body());
    assertThat(async.headers().firstValue("Retry-After")).isPresent();
    assertThat(new TreeSet<>(async.headers().map().keySet()))
        .isEqualTo(new TreeSet<>(sync.headers().map().keySet()));
    assertThat(async.headers().firstValue("RateLimit-Policy"))
        .isEqualTo(sync.headers().firstValue("RateLimit-Policy"));
  }

  /** A blocked key is refused from the in-process cache: no round trip, nothing parked. */
  @Test
  void cachedBlock_isAnsweredWithoutRedis() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 2, true);
    assertThat(thirdRequest().statusCode()).isEqualTo(429); // the key is now known blocked
    appDispatches.clear();
    Map<String, Long> before = stats();
    assertThat(app.get("/read", null).statusCode()).isEqualTo(429);
    assertThat(minus(stats(), before).get("reads")).isEqualTo(2L); // the INFO commands only
  }

  /**
   * Redis up but not answering: the request gets the failure policy's answer once the store's
   * timeout passed, not when the pause ends (the client's own bound is far below the pause), and
   * the event names the request.
   */
  @Test
  void pausedRedis_failsClosed_withinTheTimeout() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 1_000_000, true);
    String cookie = login();
    RedisTimeoutTest.pauseAllClients(server.port, Duration.ofSeconds(60));
    HttpResponse<String> r =
        app.send(
            HttpRequest.newBuilder(app.uri("/read"))
                .header("Cookie", cookie)
                .timeout(Duration.ofSeconds(20))
                .build());
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).doesNotContain("alice");
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("excess_rate_limit_store_unavailable");
              assertThat(e.fields()).containsEntry("error", "RateLimitStoreException");
              assertThat(e.requestUri()).hasValue("/read");
            });
  }

  @Test
  void redisDown_failsClosed() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 1_000_000, true);
    String cookie = login();
    server.stop();
    HttpResponse<String> r = app.get("/read", cookie);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).doesNotContain("alice");
  }

  /** As on the synchronous path: the limiter failing open never makes the session fail open. */
  @Test
  void redisDown_limiterFailingOpen_sessionStillFailsClosed() throws Exception {
    app = app(StoreFailurePolicy.insurance(InMemoryRateLimitStore.withMaxKeys(100)), 1000, true);
    String cookie = login();
    server.stop();
    HttpResponse<String> r = app.get("/read", cookie);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("alice").doesNotContain("anonymous");
  }

  /** The application goes async itself after Armet's step, and still sees the session. */
  @Test
  void applicationGoingAsync_afterArmetsStep_stillWorks() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 1_000_000, true);
    String cookie = login();
    HttpResponse<String> r = app.get("/later", cookie);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("later alice");
  }

  /** The application fails on the resumed dispatch: the ERROR dispatch still gets the headers. */
  @Test
  void errorDispatch_afterResume_keepsTheHeaders() throws Exception {
    app = app(StoreFailurePolicy.failClosed(), 1_000_000, true);
    HttpResponse<String> r = app.get("/fail", null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("error page");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  private HttpResponse<String> thirdRequest() throws Exception {
    assertThat(app.get("/read", null).statusCode()).isEqualTo(200);
    assertThat(app.get("/read", null).statusCode()).isEqualTo(200);
    return app.get("/read", null);
  }

  /**
   * Armet's filter with sessions and a limit on every path (a key over it is blocked for a minute),
   * both on this test's Redis.
   */
  private TestServer app(StoreFailurePolicy onFailure, long limit, boolean async) throws Exception {
    Keyring keys = Keyring.create(k -> k.secret(Secrets.generate()));
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(keys)
                    .noCsrf()
                    .events(events::add)
                    .asyncStoreCalls(async)
                    .sessions(
                        ServerSessions.create(
                            s ->
                                s.environment(ArmetEnvironment.DEVELOPMENT)
                                    .keyring(keys)
                                    .store(redis.sessions())
                                    .events(e -> {})))
                    .rateLimits(
                        HttpRateLimits.builder()
                            .store(redis.rateLimits())
                            .keyring(keys)
                            .environment(ArmetEnvironment.DEVELOPMENT)
                            .events(events::add)
                            .onStoreFailure(onFailure)
                            .route(
                                "/*",
                                r ->
                                    r.limit(
                                        RateLimitPolicy.builder("all")
                                            .tokenBucket(limit, limit, Duration.ofMinutes(1))
                                            .blockDuration(Duration.ofMinutes(1))
                                            .build()))
                            .build()));
    return TestServer.asyncFilter(filter, true)
        .servlet("/login", new Login())
        .servlet("/read", new Read(appDispatches))
        .servlet("/later", new Later())
        .servlet("/fail", new Fail())
        .servlet("/error", new ErrorPage())
        .errorPage("/error")
        .start();
  }

  private String login() throws Exception {
    HttpResponse<String> r = app.get("/login", null);
    assertThat(r.statusCode()).isEqualTo(200);
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  private Map<String, Long> stats() {
    return RoundTripCounts.of(redis);
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    return RoundTripCounts.minus(after, before);
  }

  private static final class Login extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      req.getSession().setAttribute("user", "alice");
      res.getWriter().write("ok");
    }
  }

  private static final class Read extends HttpServlet {
    private final transient Queue<DispatcherType> dispatches;

    Read(Queue<DispatcherType> dispatches) {
      this.dispatches = dispatches;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      dispatches.add(req.getDispatcherType());
      var session = req.getSession(false);
      Object user = session == null ? null : session.getAttribute("user");
      res.getWriter().write(user == null ? "anonymous" : user.toString());
    }
  }

  /** Goes async on its own and answers from another thread. */
  private static final class Later extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
      Object user = req.getSession(false).getAttribute("user");
      AsyncContext context = req.startAsync();
      context.start(
          () -> {
            try {
              context.getResponse().getWriter().write("later " + user);
            } catch (IOException e) {
              throw new IllegalStateException(e);
            } finally {
              context.complete();
            }
          });
    }
  }

  private static final class Fail extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
      throw new IllegalStateException("application failure");
    }
  }

  private static final class ErrorPage extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write("error page");
    }
  }
}
