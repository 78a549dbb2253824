package dev.armet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.spi.SessionStore;
import java.util.Optional;

/**
 * The two steps every adapter performs per request: {@link #open} before the application runs,
 * {@link #commit} before the response is committed. Implemented by {@link ServerSessions}
 * (express-session: data in a {@link SessionStore}, a signed id in the cookie) and {@link
 * CookieSessions} (cookie-session: the data itself in a signed or sealed cookie). Implementations
 * are immutable and thread-safe.
 *
 * <pre>{@code
 * Session s = sessions.open(RequestCookies.parse(request.getHeader("Cookie")), request.isSecure());
 * // … application code uses s …
 * sessions.commit(s).ifPresent(v -> response.addHeader("Set-Cookie", v));
 * }</pre>
 */
public interface Sessions {
  /**
   * The session the request's cookie names, or an absent one. A forged, tampered, expired or
   * unknown cookie yields an absent session (and a security event), never an error.
   *
   * @param secureRequest whether the request came over HTTPS; picks {@code __Host-} cookie names
   * @throws RuntimeException only if the store cannot answer (fail closed)
   */
  Session open(RequestCookies cookies, boolean secureRequest);

  /**
   * The first half of {@link #open}, for an adapter that lets the rate-limit decision carry the
   * session read ({@link SessionLookup#load()}): checks the cookies, prepares the read, records and
   * reads nothing. The default leaves everything to {@link #open(SessionLookup)}.
   *
   * @param secureRequest whether the request came over HTTPS
   */
  default SessionLookup lookup(RequestCookies cookies, boolean secureRequest) {
    return SessionLookup.deferred(this, cookies, secureRequest);
  }

  /**
   * The second half: what {@link #open(RequestCookies, boolean)} returns for the lookup's cookies,
   * using the read the lookup prepared (sent already, or now).
   *
   * @throws RuntimeException only if the store cannot answer (fail closed)
   */
  default Session open(SessionLookup lookup) {
    return open(lookup.cookies(), lookup.secureRequest());
  }

  /**
   * Writes what changed and returns the {@code Set-Cookie} value to send, if any.
   *
   * @throws IllegalStateException if a cookie session would exceed the browser cookie limit
   */
  Optional<String> commit(Session session);
}
