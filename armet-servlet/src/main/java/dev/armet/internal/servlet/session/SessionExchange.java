package dev.armet.internal.servlet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.internal.servlet.ParsedCookies;
import dev.armet.internal.servlet.RequestState;
import dev.armet.session.Session;
import dev.armet.session.SessionLookup;
import dev.armet.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request's session work, from {@link #begin}: the request to pass down the chain (this object:
 * it answers every session question from the Armet session and never from the container, so the
 * container's own session and its {@code JSESSIONID} are never created), the response to pass on,
 * and {@link #commit()} to call in a {@code finally} block. The response wrapper also commits the
 * session on the first body write, flush, redirect or error, because a {@code Set-Cookie} must
 * precede the body. Commit happens once; changing the session after it is an {@link
 * IllegalStateException} rather than a silently lost write.
 *
 * <p>The request wrapper and the exchange are one object (issue 18: one object fewer per request).
 */
public final class SessionExchange extends HttpServletRequestWrapper {
  private final Sessions sessions;
  private final Session session;
  private final HttpServletResponse rawResponse;
  private final boolean arrivedValid;
  private @Nullable SessionResponse response;
  private @Nullable ArmetHttpSession view;
  private boolean committed;
  private @Nullable String setCookie;

  private SessionExchange(
      Sessions sessions,
      Session session,
      HttpServletRequest request,
      HttpServletResponse response) {
    super(request);
    this.sessions = sessions;
    this.session = session;
    this.rawResponse = response;
    this.arrivedValid = session.exists();
  }

  /**
   * Opens the session named by the request's cookies (an absent one if none is valid) and wraps
   * request and response so that {@code request.getSession()} returns it as an {@code HttpSession}
   * (the container's own session is never created) and the session is committed, with its {@code
   * Set-Cookie}, just before the response commits.
   *
   * <pre>{@code
   * SessionExchange exchange = SessionExchange.begin(sessions, request, response);
   * try {
   *   chain.doFilter(exchange.request(), exchange.response());
   * } finally {
   *   exchange.commit();
   * }
   * }</pre>
   *
   * @throws RuntimeException only if the session store cannot answer (fail closed)
   */
  public static SessionExchange begin(
      Sessions sessions, HttpServletRequest request, HttpServletResponse response) {
    return begin(sessions, lookup(sessions, request), request, response);
  }

  /**
   * The first half of {@link #begin}: the request's session cookies checked and the store read
   * prepared, for the rate-limit decision to carry ({@link SessionLookup#load()}).
   */
  public static SessionLookup lookup(Sessions sessions, HttpServletRequest request) {
    RequestCookies cookies = ParsedCookies.of(request); // CSRF reads the same parse
    return sessions.lookup(cookies, request.isSecure());
  }

  /** As {@link #begin(Sessions, HttpServletRequest, HttpServletResponse)}, from a lookup. */
  public static SessionExchange begin(
      Sessions sessions,
      SessionLookup lookup,
      HttpServletRequest request,
      HttpServletResponse response) {
    Session session = sessions.open(lookup);
    SessionExchange exchange = new SessionExchange(sessions, session, request, response);
    RequestState.of(request).session(session); // for ServletSessions.of
    return exchange;
  }

  /** The request to pass on (this exchange): its {@code getSession()} is the Armet session. */
  public HttpServletRequest request() {
    return this;
  }

  /**
   * The response to pass on: it commits the session before the response commits. Made on first use;
   * a caller with its own {@link SessionResponse} (built on {@link #rawResponse()}) passes that
   * instead.
   */
  public synchronized HttpServletResponse response() {
    if (response == null) {
      response = new SessionResponse(rawResponse, this);
    }
    return response;
  }

  /** The response as {@link #begin} got it. */
  public HttpServletResponse rawResponse() {
    return rawResponse;
  }

  /** The Armet session of this request. */
  public Session session() {
    return session;
  }

  /**
   * Writes the session (store and {@code Set-Cookie}) unless already done. Safe to call more than
   * once.
   *
   * @throws IllegalStateException if the session needs a cookie but the response was already
   *     committed by something that bypassed the wrapper, or a cookie session is too large
   */
  public synchronized void commit() {
    if (committed) {
      return;
    }
    committed = true;
    Optional<String> setCookie = sessions.commit(session);
    if (setCookie.isPresent()) {
      if (rawResponse.isCommitted()) {
        throw new IllegalStateException(
            "the response was committed before the session cookie"
                + " could be set; pass SessionExchange.response() down the chain");
      }
      rawResponse.addHeader("Set-Cookie", setCookie.get());
      this.setCookie = setCookie.get();
    }
  }

  /** After {@code response.reset()}, which clears headers, puts the session cookie back. */
  synchronized void reapply() {
    if (setCookie != null) {
      rawResponse.addHeader("Set-Cookie", setCookie);
    }
  }

  synchronized boolean isCommitted() {
    return committed;
  }

  @Override
  public @Nullable HttpSession getSession() {
    return getSession(true);
  }

  @Override
  public synchronized @Nullable HttpSession getSession(boolean create) {
    if (view != null && view.isValid() && session.exists()) {
      return view;
    }
    if (!session.exists()) {
      if (!create) {
        return null;
      }
      view = null;
      checkOpen();
      session.create();
    }
    if (view == null || !view.isValid()) {
      view = new ArmetHttpSession(this, getServletContext());
    }
    return view;
  }

  /** Servlet 3.1's fixation defence, mapped to {@link Session#regenerate()}. */
  @Override
  public synchronized String changeSessionId() {
    if (!session.exists()) {
      throw new IllegalStateException("changeSessionId() needs a session; call getSession() first");
    }
    checkOpen();
    session.regenerate();
    return ((ArmetHttpSession) Objects.requireNonNull(getSession(false))).getId();
  }

  @Override
  public @Nullable String getRequestedSessionId() {
    return arrivedValid ? session.handle().orElse(null) : null;
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return arrivedValid && session.exists() && session.handle().isPresent();
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return arrivedValid;
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false; // ids in URLs leak through Referer and logs; Armet never reads them
  }

  private void checkOpen() {
    if (isCommitted()) {
      throw new IllegalStateException(
          "the session was already committed with the response;"
              + " create or change it before writing the body");
    }
  }
}
