package dev.armet.spring.boot.security;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.servlet.RequestPaths;
import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.spring.boot.ArmetProperties;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Runs between the Armet filter and Spring Security's chain: (1) the login throttle, asked before
 * Spring Security checks the password of a POST to {@code armet.login.path} (429 with {@code
 * Retry-After} when locked); (2) when Armet owns {@code HttpSession}, a view of it that keeps
 * Spring Security's {@code SecurityContext} and saved request as JSON, since Armet sessions hold
 * JSON values only.
 */
public final class SecurityBridgeFilter implements Filter {
  private final LoginThrottle throttle;
  private final boolean armetSessions;
  private final String loginPath;
  private final String usernameParameter;
  private final SecurityEventSink events;

  SecurityBridgeFilter(
      LoginThrottle throttle,
      boolean armetSessions,
      ArmetProperties.Login login,
      SecurityEventSink events) {
    this.throttle = throttle;
    this.armetSessions = armetSessions;
    this.loginPath = login.getPath();
    this.usernameParameter = login.getUsernameParameter();
    this.events = events;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (throttle != null
        && "POST".equals(request.getMethod())
        // The decoded path, as Spring Security matches it: "/%6cogin" must not skip the throttle.
        && loginPath.equals(RequestPaths.contextRelative(request))) {
      String user = request.getParameter(usernameParameter);
      LoginCheck check = throttle.check(user == null ? "" : user, request.getRemoteAddr());
      if (!check.allowed()) {
        events.record(
            SecurityEvent.of("authn_login_lock")
                .with("reason", check.reason().name().toLowerCase(java.util.Locale.ROOT)));
        response.setHeader(
            "Retry-After", Long.toString(Math.max(1, check.retryAfter().toSeconds())));
        response.sendError(429);
        return;
      }
      if (!check.delay().isZero()) {
        pause(check);
      }
    }
    chain.doFilter(armetSessions ? new JsonSessionRequest(request) : request, response);
  }

  /**
   * The per-account slow-down under a distributed attack: bounded (at most 10 s) by the throttle.
   */
  private static void pause(LoginCheck check) throws ServletException {
    try {
      Thread.sleep(check.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServletException("interrupted during the login slow-down", e);
    }
  }

  private static final class JsonSessionRequest extends HttpServletRequestWrapper {
    private JsonSecuritySession view;

    JsonSessionRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }

    @Override
    public HttpSession getSession(boolean create) {
      HttpSession session = super.getSession(create);
      if (session == null) {
        return null;
      }
      if (view == null || view.delegate() != session) {
        view = new JsonSecuritySession(session);
      }
      return view;
    }
  }
}
