package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.StoreFailurePolicy;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.servlet.TestServer;
import dev.armet.session.ServerSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, goal 3: through Armet's filter on Redis, a request with a session and a rate limit
 * costs one round trip (the session read rides in the rate-limit script), and a request that only
 * reads its session writes nothing back. Counted by Redis itself on a server of this test's own, so
 * no other client's commands are in the counts: {@code total_reads_processed} (socket reads: one
 * per round trip) and {@code INFO commandstats}.
 */
class RequestRoundTripsTest {
  private static final int REQUESTS = 20;
  private OwnRedisServer server;
  private RedisStores redis;
  private TestServer app;

  @BeforeEach
  void start() throws Exception {
    server = new OwnRedisServer();
    server.start();
    redis = RedisStores.open(server.uri(), b -> b.keyPrefix(LocalRedis.freshPrefix()));
    app = app(StoreFailurePolicy.failClosed());
  }

  /** Armet's filter with sessions and a limit on every path, both on this test's Redis. */
  private TestServer app(StoreFailurePolicy onLimitStoreFailure) throws Exception {
    Keyring keys = Keyring.create(k -> k.secret(Secrets.generate()));
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(keys)
                    .noCsrf()
                    .events(e -> {})
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
                            .events(e -> {})
                            .onStoreFailure(onLimitStoreFailure)
                            .route(
                                "/*",
                                r ->
                                    r.limit(
                                        RateLimitPolicy.tokenBucket(
                                            "all", 1_000_000, Duration.ofMinutes(1))))
                            .build()));
    return new TestServer(filter, false)
        .servlet("/login", new Login())
        .servlet("/read", new Read())
        .start();
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
  void readWithSessionAndLimit_isOneRoundTrip_andWritesNothing() throws Exception {
    String cookie = login();
    assertThat(app.get("/read", cookie).body()).isEqualTo("alice"); // warm: script cached
    Map<String, Long> before = stats();
    for (int i = 0; i < REQUESTS; i++) {
      HttpResponse<String> r = app.get("/read", cookie);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("alice");
      assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }
    Map<String, Long> ran = minus(stats(), before);
    // One socket read per request, plus the two INFO commands that take the second count.
    assertThat(ran.get("reads")).isEqualTo(REQUESTS + 2L);
    assertThat(ran.get("evalsha")).isEqualTo((long) REQUESTS);
    // The session was read inside the script, once per request; never written back.
    assertThat(ran.get("hmget")).isEqualTo((long) REQUESTS);
    assertThat(ran).doesNotContainKeys("hset", "pexpire", "eval");
  }

  @Test
  void requestWithoutSession_isOneRoundTrip() throws Exception {
    app.get("/read", null); // warm
    Map<String, Long> before = stats();
    for (int i = 0; i < REQUESTS; i++) {
      assertThat(app.get("/read", null).body()).isEqualTo("anonymous");
    }
    Map<String, Long> ran = minus(stats(), before);
    assertThat(ran.get("reads")).isEqualTo(REQUESTS + 2L);
    assertThat(ran).doesNotContainKey("hmget"); // no cookie: nothing to read
  }

  @Test
  void redisDown_stillFailsClosed() throws Exception {
    String cookie = login();
    server.stop();
    HttpResponse<String> r = app.get("/read", cookie);
    assertThat(r.statusCode()).isEqualTo(503); // the rate limit fails closed, as before
    assertThat(r.body()).doesNotContain("alice");
  }

  /**
   * A limiter that fails open to an in-process store does not make the session fail open: the
   * decision failed, so the read is made on its own and fails the request, as before.
   */
  @Test
  void redisDown_limiterFailingOpen_sessionStillFailsClosed() throws Exception {
    app.close();
    app = app(StoreFailurePolicy.insurance(InMemoryRateLimitStore.withMaxKeys(100)));
    String cookie = login();
    assertThat(app.get("/read", cookie).body()).isEqualTo("alice");
    server.stop();
    HttpResponse<String> r = app.get("/read", cookie);
    assertThat(r.statusCode()).isEqualTo(500); // the session store's failure, never "anonymous"
    assertThat(r.body()).doesNotContain("alice").doesNotContain("anonymous");
  }

  @Test
  void carriedSessionRead_answersWhatLoadAnswers() {
    AlongsideChecks.carriedRead_answersWhatLoadAnswers(redis);
  }

  @Test
  void observedStores_carryTheRead_andReportEachLoadOnce() {
    AlongsideChecks.observedStores_carryTheRead_andReportEachLoadOnce(redis);
  }

  @Test
  void cachedRefusal_leavesTheSessionReadUnsent() {
    AlongsideChecks.cachedRefusal_leavesTheReadUnsent(redis);
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
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      var session = req.getSession(false);
      Object user = session == null ? null : session.getAttribute("user");
      res.getWriter().write(user == null ? "anonymous" : user.toString());
    }
  }
}
