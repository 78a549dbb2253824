package dev.armet.csrf;

/**
 * Where {@link CsrfProtection} writes response headers ({@code Set-Cookie} for the CSRF cookies,
 * {@code Vary}); implemented by each adapter. Cookies may be written later in the request (when a
 * page first asks for a token, or the session is regenerated), so the view must stay usable until
 * the response commits.
 */
public interface CsrfResponse {
  /** Adds a header value, keeping any values already set. */
  void addHeader(String name, String value);

  /** Whether the status and headers were already sent. */
  boolean isCommitted();
}
