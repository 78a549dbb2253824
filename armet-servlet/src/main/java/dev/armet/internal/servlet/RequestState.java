package dev.armet.internal.servlet;

import dev.armet.cookie.RequestCookies;
import dev.armet.csrf.CsrfToken;
import dev.armet.net.ClientAddress;
import dev.armet.session.Session;
import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What Armet keeps about one request: the header policy applied, the parsed cookies, the session,
 * whether the rate limits decided, and Armet's public request attributes (the client address, the
 * CSP nonce, the CSRF token under both its names). Kept out of the container's attribute map (issue
 * 18): on Jetty every attribute is an entry in a map made per request.
 *
 * <p>Behind {@code ArmetFilter} the state lives in {@link ArmetRequest}, which answers the
 * attribute names; it is <em>published</em> (copied into the container's request, the state under
 * its own name) only when the request may be seen without that wrapper: async, an error dispatch.
 * Anywhere else (a standalone helper on a request the filter did not wrap) it is made published, in
 * the container's attributes, as before.
 *
 * <p>An instance belongs to one request, so requests on the same thread never share one, and once
 * published it stays with the request across its dispatches (ERROR, FORWARD, ASYNC). The fields are
 * volatile because async code may read them from another thread.
 */
public final class RequestState {
  /** The attribute the state is published under. */
  static final String ATTRIBUTE = RequestState.class.getName();

  /** The attribute names kept here until published, in slot order. */
  private static final String[] NAMES = {
    ClientAddress.class.getName(), // ClientAddressRequest.ATTRIBUTE
    "armet.cspNonce", // ArmetFilter.CSP_NONCE
    "_csrf", // ServletCsrf.ATTRIBUTE
    CsrfToken.class.getName()
  };

  private volatile @Nullable Object headers;
  private volatile @Nullable RequestCookies cookies;
  private volatile @Nullable Session session;
  private volatile boolean rateLimited;
  private volatile @Nullable Object parked;

  private volatile boolean published;
  private volatile @Nullable Object client;
  private volatile @Nullable Object nonce;
  private volatile @Nullable Object csrf;
  private volatile @Nullable Object csrfByClass;

  private RequestState(boolean published) {
    this.published = published;
  }

  /** A state for {@link ArmetRequest} to hold: its attributes stay out of the container's map. */
  public static RequestState unpublished() {
    return new RequestState(false);
  }

  /** The state of {@code request}, or null if nothing made one yet. */
  public static @Nullable RequestState find(ServletRequest request) {
    Object state = request.getAttribute(ATTRIBUTE);
    return state instanceof RequestState ? (RequestState) state : null;
  }

  /** The state of {@code request}, made (and stored in the request) on first use. */
  public static RequestState of(ServletRequest request) {
    RequestState state = find(request);
    if (state == null) {
      state = new RequestState(true);
      request.setAttribute(ATTRIBUTE, state);
    }
    return state;
  }

  /** The attribute names kept here ({@link #ATTRIBUTE} aside). */
  static int names() {
    return NAMES.length;
  }

  static String name(int slot) {
    return NAMES[slot];
  }

  /** The slot of attribute {@code name}, or -1 if it is not kept here. */
  static int slot(@Nullable String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the attributes are in the container's request rather than here. */
  boolean isPublished() {
    return published;
  }

  /** The attribute kept in {@code slot}, or null. */
  @Nullable Object get(int slot) {
    switch (slot) {
      case 0:
        return client;
      case 1:
        return nonce;
      case 2:
        return csrf;
      default:
        return csrfByClass;
    }
  }

  /** Keeps {@code value} (null removes) in {@code slot}; false, keeping nothing, once published. */
  synchronized boolean keep(int slot, @Nullable Object value) {
    if (published) {
      return false;
    }
    switch (slot) {
      case 0:
        client = value;
        break;
      case 1:
        nonce = value;
        break;
      case 2:
        csrf = value;
        break;
      default:
        csrfByClass = value;
    }
    return true;
  }

  /**
   * Copies the state and its attributes into {@code container} (the request the filter got), once:
   * from then on they live there, where a dispatch without the wrapper finds them.
   */
  synchronized void publish(ServletRequest container) {
    if (published) {
      return;
    }
    published = true;
    container.setAttribute(ATTRIBUTE, this);
    for (int i = 0; i < NAMES.length; i++) {
      Object value = get(i);
      if (value != null) {
        container.setAttribute(NAMES[i], value);
      }
    }
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
