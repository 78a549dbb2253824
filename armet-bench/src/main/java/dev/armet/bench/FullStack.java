package dev.armet.bench;

import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.server.PreEncodedSecurityHeaders;
import dev.armet.jdbc.JdbcStores;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.redis.RedisStores;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.session.ServerSessions;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The full-stack targets of issue 18: a signed-in user's request that reads the session, passes
 * CSRF (a GET: the token is minted or checked as the stack does for reads) and is admitted by a
 * rate limit, on Armet (memory, Redis, PostgreSQL), on Jetty's own {@code HttpSession}, on Spring
 * Security's default chain, and the limiters alone (Armet, Bucket4j).
 *
 * <p>Every target serves {@code GET /_bench/login} (creates the session holding {@code
 * user=bench-user}; the harness sends its cookies with every load request) and {@code GET /} (reads
 * {@code user} from the session and answers {@code Hello, bench-user!}, or {@code Hello,
 * anonymous!}). The harness's pre-check refuses a target whose answer does not come from the
 * session, or whose limiter was not consulted ({@link #limiterCalls()}).
 */
final class FullStack implements AutoCloseable {
  static final String USER = "bench-user";
  static final String LOGIN = "/_bench/login";
  static final String SIGNED_IN = "Hello, " + USER + "!\n";
  static final String REDIS = System.getProperty("armet.bench.redis", "redis://127.0.0.1:6379/0");
  private static final String POSTGRES =
      System.getProperty("armet.bench.postgres", "postgresql://127.0.0.1:5432/test");

  /** Admits everything the harness can send: the limiter decides, it never refuses. */
  private static final RateLimitPolicy ADMIT_ALL =
      RateLimitPolicy.tokenBucket("bench", 1_000_000_000L, Duration.ofHours(1));

  private final boolean readsSession;
  private final boolean containerSessions;
  private final LongAdder limiterCalls;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private HttpServlet login;
  private boolean async;

  private FullStack(boolean readsSession, boolean containerSessions, LongAdder limiterCalls) {
    this.readsSession = readsSession;
    this.containerSessions = containerSessions;
    this.limiterCalls = limiterCalls;
  }

  static Target start(String name) throws Exception {
    LongAdder calls = new LongAdder();
    return switch (name) {
      case "armet-full" ->
          armet(
              name,
              InMemorySessionsOnly.INSTANCE,
              InMemoryRateLimitStore.create(),
              calls,
              false,
              false);
      case "armet-full-fastpath" ->
          armet(
              name,
              InMemorySessionsOnly.INSTANCE,
              InMemoryRateLimitStore.create(),
              calls,
              true,
              false);
      // The recommended configuration: the request's thread is released while Redis decides
      // (asyncStoreCalls); "-sync" is the blocking path, for comparison in the same run.
      case "armet-full-redis", "armet-full-redis-sync" -> {
        RedisStores stores =
            RedisStores.open(
                REDIS,
                b ->
                    b.keyPrefix(
                        System.getProperty(
                            "armet.bench.redis.prefix", "armet-bench-" + UUID.randomUUID() + ":")));
        boolean async = name.equals("armet-full-redis");
        Target t = armet(name, stores.sessions(), stores.rateLimits(), calls, false, async);
        t.stack().resources.add(stores);
        yield t;
      }
      case "armet-full-jdbc" -> {
        JdbcStores stores = JdbcStores.open(POSTGRES, b -> b.tablePrefix("armet_bench_"));
        Target t = armet(name, stores.sessions(), stores.rateLimits(), calls, false, false);
        t.stack().resources.add(stores);
        yield t;
      }
      case "jetty-session" -> {
        FullStack stack = new FullStack(true, true, null);
        stack.login = new ContainerLogin(false);
        yield Target.start(name, null, UnaryOperator.identity(), stack);
      }
      case "spring-security" -> {
        FullStack stack = new FullStack(true, true, null);
        stack.login = new ContainerLogin(true);
        SpringSecurityChain chain = new SpringSecurityChain();
        stack.resources.add(chain);
        yield Target.start(name, chain.filter(), UnaryOperator.identity(), stack);
      }
      case "bucket4j" ->
          Target.start(
              name,
              new Bucket4jFilter(calls),
              UnaryOperator.identity(),
              new FullStack(false, false, calls));
      case "armet-ratelimit" -> {
        HttpRateLimits limits = limits(InMemoryRateLimitStore.create(), calls);
        Filter f =
            (req, res, chain) -> {
              if (limits.begin((HttpServletRequest) req, (HttpServletResponse) res)) {
                chain.doFilter(req, res);
              }
            };
        yield Target.start(name, f, UnaryOperator.identity(), new FullStack(false, false, calls));
      }
      default -> throw new IllegalArgumentException("not a full-stack target: " + name);
    };
  }

  /** Marker: ArmetFilter's own default (in-memory) session store. */
  private enum InMemorySessionsOnly {
    INSTANCE
  }

  private static Target armet(
      String name,
      Object sessionStore,
      RateLimitStore limitStore,
      LongAdder calls,
      boolean fastPath,
      boolean async)
      throws Exception {
    HttpRateLimits limits = limits(limitStore, calls);
    ArmetFilter filter =
        ArmetFilter.create(
            a -> {
              a.environment(ArmetEnvironment.DEVELOPMENT).rateLimits(limits).asyncStoreCalls(async);
              if (sessionStore instanceof SessionStore store) {
                a.sessions(
                    ServerSessions.create(
                        s -> s.environment(ArmetEnvironment.DEVELOPMENT).store(store)));
              }
            });
    FullStack stack = new FullStack(true, false, calls);
    stack.async = async;
    stack.login = new ContainerLogin(false);
    UnaryOperator<org.eclipse.jetty.server.Handler> front =
        fastPath
            ? context -> PreEncodedSecurityHeaders.wrap(filter, context)
            : UnaryOperator.identity();
    return Target.start(name, filter, front, stack);
  }

  /**
   * One route, every path, admitting all: the decision runs on every request. The pre-check counts
   * decisions: on the in-memory store by the limiter's clock reads (one per decision), so the store
   * is used as is and the limiter takes its in-place path, as an application's would; on the other
   * stores by a wrapper around the store.
   */
  private static HttpRateLimits limits(RateLimitStore store, LongAdder calls) {
    if (store instanceof InMemoryRateLimitStore) {
      InstantSource counting =
          () -> {
            calls.increment();
            return Instant.now();
          };
      return HttpRateLimits.builder()
          .route("/*", r -> r.limit(ADMIT_ALL))
          .store(store)
          .clock(counting)
          .build();
    }
    RateLimitStore counted =
        new RateLimitStore() {
          @Override
          public RateLimitCommand.Result execute(RateLimitCommand command) {
            calls.increment();
            return store.execute(command);
          }

          /** Forwarded too, or the session read would no longer ride on the decision (Redis). */
          @Override
          public RateLimitCommand.Result execute(RateLimitCommand command, SessionLoad alongside) {
            calls.increment();
            return store.execute(command, alongside);
          }

          /** Forwarded too, or the asynchronous path would block on the default's execute. */
          @Override
          public CompletableFuture<RateLimitCommand.Result> executeAsync(
              RateLimitCommand command, SessionLoad alongside) {
            calls.increment();
            return store.executeAsync(command, alongside);
          }
        };
    return HttpRateLimits.builder().route("/*", r -> r.limit(ADMIT_ALL)).store(counted).build();
  }

  boolean readsSession() {
    return readsSession;
  }

  boolean containerSessions() {
    return containerSessions;
  }

  /** How often the target's limiter decided, or null for a target without one. */
  LongAdder limiterCalls() {
    return limiterCalls;
  }

  /**
   * Whether the filter parks requests for the store (asyncStoreCalls): it and the servlets are then
   * registered with async supported, the filter for ASYNC too.
   */
  boolean async() {
    return async;
  }

  void install(ServletContextHandler context) {
    ServletHolder main =
        new ServletHolder(readsSession ? new SessionServlet() : new HelloServlet());
    main.setAsyncSupported(async);
    context.addServlet(main, "/");
    if (login != null) {
      ServletHolder signIn = new ServletHolder(login);
      signIn.setAsyncSupported(async);
      context.addServlet(signIn, LOGIN);
    }
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  /** Reads {@code user} from the session: the per-request session read every target must do. */
  static final class SessionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] USER_BODY = SIGNED_IN.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANONYMOUS =
        "Hello, anonymous!\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      HttpSession session = request.getSession(false);
      Object user = session == null ? null : session.getAttribute("user");
      byte[] body = USER.equals(user) ? USER_BODY : ANONYMOUS;
      response.setContentType("text/plain;charset=utf-8");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /** Signs the bench user in: a new session holding {@code user} (and Spring's context). */
  static final class ContainerLogin extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final boolean spring;

    ContainerLogin(boolean spring) {
      this.spring = spring;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      HttpSession session = request.getSession(true);
      session.setAttribute("user", USER);
      if (spring) {
        SpringSecurityChain.signIn(session, USER);
      }
      response.setContentType("text/plain;charset=utf-8");
      response.getWriter().write("signed in\n");
    }
  }

  /**
   * The limiter alone, as Bucket4j's documentation shows it: one local bucket per client address.
   */
  static final class Bucket4jFilter implements Filter {
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongAdder calls;

    Bucket4jFilter(LongAdder calls) {
      this.calls = calls;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      Bucket bucket =
          buckets.computeIfAbsent(
              req.getRemoteAddr(),
              k ->
                  Bucket.builder()
                      .addLimit(
                          Bandwidth.builder()
                              .capacity(1_000_000_000L)
                              .refillGreedy(1_000_000_000L, Duration.ofHours(1))
                              .build())
                      .build());
      calls.increment();
      if (bucket.tryConsume(1)) {
        chain.doFilter(req, res);
      } else {
        ((HttpServletResponse) res).sendError(429);
      }
    }
  }
}
