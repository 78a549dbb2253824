package dev.armet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.spi.SessionLoad;
import org.jspecify.annotations.Nullable;

/**
 * The first half of {@link Sessions#open}: the request's session cookies, checked, with the store
 * read that opening will make prepared but not sent ({@link #load()}). An adapter hands that read
 * to the rate-limit decision, which may carry it in the same round trip ({@code
 * RateLimitRoutes.decide(method, path, request, lookup.load())}), then calls {@link
 * Sessions#open(SessionLookup)}. Nothing is recorded and nothing is read before {@code open}: a
 * refused request costs no session read of its own. One request's; not thread-safe.
 *
 * <pre>{@code
 * SessionLookup lookup = sessions.lookup(cookies, request.isSecure());
 * Optional<RateLimitDecision> d = routes.decide(method, path, request, lookup.load());
 * Session session = sessions.open(lookup);
 * }</pre>
 */
public final class SessionLookup {
  final Sessions owner;
  final RequestCookies cookies;
  final boolean secureRequest;

  /**
   * ServerSessions only (else 0): how many values of the session cookie (read from {@link
   * #cookies}) were tried, and the first valid one. Bytes: at most three are tried.
   */
  final byte tried;

  final byte firstValid;

  final @Nullable CheckedCookie first;

  /** The prepared read; null when the store prepares none of its own ({@code open} reads then). */
  private final @Nullable SessionLoad load;

  SessionLookup(
      Sessions owner,
      RequestCookies cookies,
      boolean secureRequest,
      int tried,
      int firstValid,
      @Nullable CheckedCookie first,
      @Nullable SessionLoad load) {
    this.owner = owner;
    this.cookies = cookies;
    this.secureRequest = secureRequest;
    this.tried = (byte) tried;
    this.firstValid = (byte) firstValid;
    this.first = first;
    this.load = load;
  }

  /** For sessions that read no store (cookie sessions): {@code open} does all the work. */
  static SessionLookup deferred(Sessions owner, RequestCookies cookies, boolean secureRequest) {
    return new SessionLookup(owner, cookies, secureRequest, 0, -1, null, null);
  }

  /**
   * The store read {@code open} will make first, not yet sent; null when there is none, or when the
   * store prepares no read of its own (it keeps the default {@link
   * dev.armet.spi.SessionStore#prepareLoad}): nothing could carry that read, and {@code open} makes
   * it as {@code load} would (issue 18: no object per request for it).
   */
  public @Nullable SessionLoad load() {
    return load;
  }

  RequestCookies cookies() {
    return cookies;
  }

  boolean secureRequest() {
    return secureRequest;
  }
}
