package dev.armet.servlet.testing;

import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.servlet.session.SessionExchange;
import dev.armet.keys.Keyring;
import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.ServerSessions;
import dev.armet.session.Session;
import dev.armet.session.Sessions;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One application instance on real Jetty, on its own loopback port, wired to shared stores by a
 * test-only filter composing the servlet components: rate limits on {@code /limited}, Armet
 * sessions, and a login guarded by {@link LoginThrottle}. Store modules reach it through {@link
 * CrossInstanceContract}, from armet-servlet's test-jar.
 */
public final class AppInstance {
  public static final int LIMIT = 50;
  public static final int LOCKOUT_FAILURES = 3;

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public AppInstance(SessionStore sessionStore, RateLimitStore limitStore, Keyring keyring)
      throws Exception {
    Sessions sessions =
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(keyring)
                    .store(sessionStore)
                    .events(e -> {}));
    HttpRateLimits limits =
        HttpRateLimits.builder()
            .store(limitStore)
            .events(e -> {})
            .route(
                "/limited",
                r -> r.limit(RateLimitPolicy.fixedWindow("limited", LIMIT, Duration.ofHours(1))))
            .build();
    LoginThrottle throttle =
        LoginThrottle.builder()
            .store(limitStore)
            .events(e -> {})
            .lockout(LOCKOUT_FAILURES, Duration.ofMinutes(5))
            .build();
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(new Composed(limits, sessions)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Login(throttle)), "/login");
    context.addServlet(new ServletHolder(new Me()), "/me");
    context.addServlet(new ServletHolder(new Logout()), "/logout");
    context.addServlet(new ServletHolder(new Ok()), "/limited");
    server.setHandler(context);
    server.start();
  }

  public HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
            .timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code name=value} of the session cookie a response set. */
  public static String cookie(HttpResponse<?> r) {
    return r.headers()
        .firstValue("Set-Cookie")
        .map(v -> v.substring(0, v.indexOf(';')))
        .orElseThrow(() -> new AssertionError("no Set-Cookie in " + r));
  }

  public void close() throws Exception {
    server.stop();
  }

  private static final class Composed implements Filter {
    private final HttpRateLimits limits;
    private final Sessions sessions;

    Composed(HttpRateLimits limits, Sessions sessions) {
      this.limits = limits;
      this.sessions = sessions;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      if (!limits.begin(request, response)) {
        return;
      }
      SessionExchange exchange = SessionExchange.begin(sessions, request, response);
      try {
        chain.doFilter(exchange.request(), exchange.response());
      } finally {
        exchange.commit();
      }
    }
  }

  private static final class Login extends HttpServlet {
    private final LoginThrottle throttle;

    Login(LoginThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String user = req.getParameter("user");
      LoginCheck check = throttle.check(user, req.getRemoteAddr());
      if (!check.allowed()) {
        res.sendError(429, check.reason().name());
        return;
      }
      if (!"right".equals(req.getParameter("password"))) {
        throttle.failed(user, req.getRemoteAddr());
        res.sendError(401);
        return;
      }
      throttle.succeeded(user, req.getRemoteAddr());
      req.getSession(true);
      ServletSessions.of(req).orElseThrow().userId(user);
      res.getWriter().write("welcome " + user);
    }
  }

  private static final class Me extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String user = ServletSessions.of(req).flatMap(Session::userId).orElse(null);
      if (user == null) {
        res.sendError(401);
        return;
      }
      res.getWriter().write(user);
    }
  }

  private static final class Logout extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
      ServletSessions.of(req).ifPresent(Session::invalidate);
    }
  }

  private static final class Ok extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write("ok");
    }
  }
}
