package dev.armet.csrf;

import dev.armet.cookie.RequestCookies;
import dev.armet.http.Origin;
import dev.armet.session.Session;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The little of a request that {@link CsrfProtection} reads, implemented by each adapter
 * (armet-servlet's {@code ServletCsrf} for servlets). Methods are called at most once per check and
 * only when needed: {@link #formField} in particular is only asked when no header token was sent,
 * and must never consume a body the application still needs.
 */
public interface CsrfRequest {
  /** The HTTP method, as sent ({@code POST}). */
  String method();

  /** The path inside the application, decoded and normalized, without the query. */
  String path();

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  @Nullable String header(String name);

  /** The raw query string without {@code ?}, or {@code null}. */
  @Nullable String queryString();

  /**
   * The value of form field {@code name} from an {@code application/x-www-form-urlencoded} or
   * {@code multipart/form-data} body, read so the application can still read the form; {@code null}
   * for any other body or if absent. Never read from the query string.
   */
  @Nullable String formField(String name);

  /**
   * This server's own origin as the request addressed it (scheme, host and port, resolved behind
   * trusted proxies by the adapter), or {@code null} if the request's host is not valid.
   */
  @Nullable Origin serverOrigin();

  /** Whether the request came over HTTPS (picks {@code __Host-} cookie names). */
  boolean isSecure();

  /** The request's cookies. */
  RequestCookies cookies();

  /** The request's Armet session view, if the application uses Armet sessions. */
  Optional<Session> session();
}
