package dev.armet.servlet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.session.Session;
import dev.armet.session.Sessions;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies Armet {@link Sessions} to servlet requests: {@link #begin} opens the request's session
 * and wraps request and response so that {@code request.getSession()} returns it as an
 * {@code HttpSession} (the container's own session is never created) and the session is
 * committed, with its {@code Set-Cookie}, just before the response commits. Immutable and
 * thread-safe; one per application.
 *
 * <p>What existing {@code HttpSession} code should know: values must be JSON-shaped (String,
 * Number, Boolean, List, Map, null) and {@code setAttribute} says so otherwise; values read back
 * are unmodifiable (change a list by setting a new one, so the change is seen and saved);
 * integral numbers come back as the smallest of Integer, Long, BigInteger (so cast to
 * {@code Number} when storing longs); {@code getId()} is a non-secret handle, not the cookie;
 * timeouts come from the Armet configuration, not {@code setMaxInactiveInterval}; the session
 * must be changed before the body is written (afterwards is an {@code IllegalStateException}).
 *
 * <pre>{@code
 * SessionExchange exchange = servletSessions.begin(request, response);
 * try {
 *   chain.doFilter(exchange.request(), exchange.response());
 * } finally {
 *   exchange.commit();
 * }
 * }</pre>
 */
public final class ServletSessions {
  static final String ATTRIBUTE = Session.class.getName();
  /** Request attribute holding the parsed cookies; ServletCsrfRequest reads the same name. */
  private static final String COOKIES = RequestCookies.class.getName();

  private final Sessions sessions;

  public ServletSessions(Sessions sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * Opens the session named by the request's cookies (an absent one if none is valid).
   *
   * @throws RuntimeException only if the session store cannot answer (fail closed)
   */
  public SessionExchange begin(HttpServletRequest request, HttpServletResponse response) {
    RequestCookies cookies = parsedCookies(request);
    Session session = sessions.open(cookies, request.isSecure());
    SessionExchange exchange = new SessionExchange(sessions, session, request, response);
    request.setAttribute(ATTRIBUTE, session);
    return exchange;
  }

  /**
   * The request's cookies, parsed once per request: CSRF protection reads the same
   * {@link RequestCookies} from the attribute (issue 18: one parse of the Cookie header).
   */
  private static RequestCookies parsedCookies(HttpServletRequest request) {
    Object parsed = request.getAttribute(COOKIES);
    if (parsed instanceof RequestCookies) {
      return (RequestCookies) parsed;
    }
    RequestCookies cookies = RequestCookies.parse(Collections.list(request.getHeaders("Cookie")));
    request.setAttribute(COOKIES, cookies);
    return cookies;
  }

  /**
   * The Armet session of a request that went through {@link #begin}: for what
   * {@code HttpSession} cannot say, such as {@link Session#userId(String)}.
   */
  public static Optional<Session> of(ServletRequest request) {
    Object s = request.getAttribute(ATTRIBUTE);
    return s instanceof Session ? Optional.of((Session) s) : Optional.empty();
  }
}
