package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionLoad;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code asyncStoreCalls} on real Jetty, with a rate-limit store that answers on a thread of its
 * own (as a network client does): a request is parked and resumed on an ASYNC dispatch only when
 * that dispatch comes back through the filter, and through every filter after it. Otherwise the
 * filter stays synchronous: the resumed request would reach the application without Armet's session
 * and CSRF checks.
 */
class AsyncStoreCallsTest {
  private final ExecutorService answers = Executors.newSingleThreadExecutor();
  private final ElsewhereStore store = new ElsewhereStore(answers);
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    answers.shutdownNow();
  }

  @Test
  void mappedForAsync_resumesOnAsyncDispatch_withSession() throws Exception {
    server = start(TestServer.asyncFilter(filter(), true));
    String cookie = signIn();
    HttpResponse<String> r = server.get("/who", cookie);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("alice ASYNC"); // parked, resumed, session read
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(store.asyncCalls.get()).isEqualTo(2); // the sign-in and this request, once each
  }

  @Test
  void mappedForAsync_crossSitePost_refusedOnResume() throws Exception {
    server = start(TestServer.asyncFilter(filter(), true));
    String cookie = signIn();
    HttpResponse<String> r = server.send(crossSitePost(cookie));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("alice");
    assertThat(store.asyncCalls.get()).isEqualTo(2); // it was parked, then refused by CSRF
  }

  /**
   * The guard: opted in, but the filter is not mapped for ASYNC. Parking would send the resumed
   * request straight to the servlet; the filter must see its mapping and stay synchronous, with
   * session and CSRF enforced.
   */
  @Test
  void optedIn_butNotMappedForAsync_staysSynchronous_sessionAndCsrfEnforced() throws Exception {
    server = start(TestServer.asyncFilter(filter(), false));
    String cookie = signIn();
    assertThat(server.get("/who", cookie).body()).isEqualTo("alice REQUEST");
    HttpResponse<String> post = server.send(crossSitePost(cookie));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.body()).doesNotContain("alice");
    assertThat(store.asyncCalls.get()).isZero();
  }

  /** A later filter not mapped for ASYNC would miss the resumed request: stay synchronous. */
  @Test
  void laterFilterNotMappedForAsync_staysSynchronous() throws Exception {
    Filter stamp =
        (req, res, chain) -> {
          ((HttpServletResponse) res).setHeader("X-Stamp", "seen");
          chain.doFilter(req, res);
        };
    server =
        start(
            TestServer.asyncFilter(filter(), true)
                .filterAfter(stamp, EnumSet.of(DispatcherType.REQUEST)));
    String cookie = signIn();
    HttpResponse<String> r = server.get("/who", cookie);
    assertThat(r.body()).isEqualTo("alice REQUEST");
    assertThat(r.headers().firstValue("X-Stamp")).hasValue("seen");
    assertThat(store.asyncCalls.get()).isZero();
  }

  /** Every later filter mapped for ASYNC too: parked, and each of them sees the resumed request. */
  @Test
  void laterFilterMappedForAsync_seesTheResumedRequest() throws Exception {
    Filter stamp =
        (req, res, chain) -> {
          ((HttpServletResponse) res).setHeader("X-Stamp", "seen");
          chain.doFilter(req, res);
        };
    server =
        start(
            TestServer.asyncFilter(filter(), true)
                .filterAfter(stamp, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC)));
    String cookie = signIn();
    HttpResponse<String> r = server.get("/who", cookie);
    assertThat(r.body()).isEqualTo("alice ASYNC");
    assertThat(r.headers().firstValue("X-Stamp")).hasValue("seen");
  }

  @Test
  void notOptedIn_staysSynchronous_evenWhenMappedForAsync() throws Exception {
    ArmetFilter plain =
        ArmetFilter.create(
            a -> a.environment(ArmetEnvironment.DEVELOPMENT).events(e -> {}).rateLimits(limits()));
    server = start(TestServer.asyncFilter(plain, true));
    String cookie = signIn();
    assertThat(server.get("/who", cookie).body()).isEqualTo("alice REQUEST");
    assertThat(store.asyncCalls.get()).isZero();
  }

  /**
   * With a first filter that lets the store answer only once the request's REQUEST dispatch has
   * returned: a parked request is then always resumed by the answer, never raced by it.
   */
  private TestServer start(TestServer s) throws Exception {
    Filter releaseAfterDispatch =
        (req, res, chain) -> {
          try {
            chain.doFilter(req, res);
          } finally {
            store.releaseHeld();
          }
        };
    return s.filterFirst(releaseAfterDispatch)
        .servlet("/login", new Login())
        .servlet("/who", new Who())
        .start();
  }

  private ArmetFilter filter() {
    return ArmetFilter.create(
        a ->
            a.environment(ArmetEnvironment.DEVELOPMENT)
                .events(e -> {})
                .rateLimits(limits())
                .asyncStoreCalls(true));
  }

  private HttpRateLimits limits() {
    return HttpRateLimits.builder()
        .environment(ArmetEnvironment.DEVELOPMENT)
        .events(e -> {})
        .store(store)
        .route("/*", r -> r.limit(RateLimitPolicy.tokenBucket("all", 1000, Duration.ofMinutes(1))))
        .build();
  }

  private String signIn() throws Exception {
    HttpResponse<String> r = server.get("/login", null);
    assertThat(r.statusCode()).isEqualTo(200);
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  private HttpRequest crossSitePost(String cookie) {
    return HttpRequest.newBuilder(server.uri("/who"))
        .header("Cookie", cookie)
        .header("Sec-Fetch-Site", "cross-site")
        .header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  /**
   * The in-memory store, answered on a thread of its own as a network store's client would, once
   * {@link #releaseHeld} lets it.
   */
  private static final class ElsewhereStore implements RateLimitStore {
    private final InMemoryRateLimitStore memory = InMemoryRateLimitStore.create();
    private final ExecutorService answers;
    private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
    final AtomicInteger asyncCalls = new AtomicInteger();

    void releaseHeld() {
      for (Runnable answer = held.poll(); answer != null; answer = held.poll()) {
        answers.execute(answer);
      }
    }

    ElsewhereStore(ExecutorService answers) {
      this.answers = answers;
    }

    @Override
    public RateLimitCommand.Result execute(RateLimitCommand command) {
      return memory.execute(command);
    }

    @Override
    public CompletableFuture<RateLimitCommand.Result> executeAsync(
        RateLimitCommand command, SessionLoad alongside) {
      asyncCalls.incrementAndGet();
      CompletableFuture<RateLimitCommand.Result> answer = new CompletableFuture<>();
      held.add(() -> answer.complete(memory.execute(command)));
      return answer;
    }
  }

  private static final class Login extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      req.getSession().setAttribute("user", "alice");
      res.getWriter().write("ok");
    }
  }

  /** Who the session says, and on which dispatch the application ran. */
  private static final class Who extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      var session = req.getSession(false);
      Object user = session == null ? null : session.getAttribute("user");
      res.getWriter().write(user + " " + req.getDispatcherType());
    }
  }
}
