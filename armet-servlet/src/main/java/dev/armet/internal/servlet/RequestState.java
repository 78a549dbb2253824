package dev.armet.internal.servlet;

import dev.armet.cookie.RequestCookies;
import dev.armet.session.Session;
import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What Armet keeps about one request, in one request attribute: the header policy applied, the
 * parsed cookies, the session, and whether the rate limits decided. One attribute rather than one
 * each (issue 18): on Jetty every attribute is an entry in a map made per request.
 *
 * <p>An instance belongs to one request: it is made on first use and lives in that request's
 * attributes, so requests on the same thread never share one, and it stays with the request across
 * its dispatches (ERROR, FORWARD, ASYNC). The fields are volatile because async code may read them
 * from another thread.
 */
public final class RequestState {
  private static final String ATTRIBUTE = RequestState.class.getName();

  private volatile @Nullable Object headers;
  private volatile @Nullable RequestCookies cookies;
  private volatile @Nullable Session session;
  private volatile boolean rateLimited;
  private volatile @Nullable Object parked;

  private RequestState() {}

  /** The state of {@code request}, or null if nothing made one yet. */
  public static @Nullable RequestState find(ServletRequest request) {
    Object state = request.getAttribute(ATTRIBUTE);
    return state instanceof RequestState ? (RequestState) state : null;
  }

  /** The state of {@code request}, made (and stored in the request) on first use. */
  public static RequestState of(ServletRequest request) {
    RequestState state = find(request);
    if (state == null) {
      state = new RequestState();
      request.setAttribute(ATTRIBUTE, state);
    }
    return state;
  }

  /** The filter's {@code ArmetHeaders} of this request, or null. */
  public @Nullable Object headers() {
    return headers;
  }

  public void headers(Object applied) {
    this.headers = applied;
  }

  /** The cookies parsed from this request's Cookie header, or null if not parsed yet. */
  public @Nullable RequestCookies cookies() {
    return cookies;
  }

  public void cookies(RequestCookies parsed) {
    this.cookies = parsed;
  }

  /** The Armet session of this request, or null outside the session step. */
  public @Nullable Session session() {
    return session;
  }

  public void session(Session opened) {
    this.session = opened;
  }

  /**
   * Marks the request as decided by the rate limits; false if it already was (each request is
   * counted once, across dispatches).
   */
  public boolean markRateLimited() {
    if (rateLimited) {
      return false;
    }
    rateLimited = true;
    return true;
  }

  /**
   * Parks what the filter resumes the request with on its ASYNC dispatch (the pending rate-limit
   * decision and the session read it carries).
   */
  public void park(Object resume) {
    this.parked = resume;
  }

  /** What {@link #park} left, once: null on any later dispatch, and for any other request. */
  public @Nullable Object unpark() {
    Object resume = parked;
    parked = null;
    return resume;
  }
}
