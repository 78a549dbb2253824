package dev.armet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.cookie.SetCookie;
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
   * ServerSessions only (else null/0): the cookie, how many of its values (read from {@link
   * #cookies}) were tried, the first valid one.
   */
  final @Nullable SetCookie cookie;

  final int tried;
  final int firstValid;
  final @Nullable CheckedCookie first;
  private final @Nullable SessionLoad load;

  SessionLookup(
      Sessions owner,
      RequestCookies cookies,
      boolean secureRequest,
      @Nullable SetCookie cookie,
      int tried,
      int firstValid,
      @Nullable CheckedCookie first,
      @Nullable SessionLoad load) {
    this.owner = owner;
    this.cookies = cookies;
    this.secureRequest = secureRequest;
    this.cookie = cookie;
    this.tried = tried;
    this.firstValid = firstValid;
    this.first = first;
    this.load = load;
  }

  /** For sessions that read no store (cookie sessions): {@code open} does all the work. */
  static SessionLookup deferred(Sessions owner, RequestCookies cookies, boolean secureRequest) {
    return new SessionLookup(owner, cookies, secureRequest, null, 0, -1, null, null);
  }

  /** The store read {@code open} will make first, not yet sent; null when there is none. */
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
