package dev.armet.csrf;

/**
 * Where the secret behind CSRF tokens lives (OWASP CSRF Prevention Cheat Sheet, "Token-Based
 * Mitigation"). Before a session exists, both modes keep the secret in a signed, HttpOnly
 * pre-session cookie, so a login form is protected too (login CSRF).
 */
public enum CsrfMode {
  /**
   * Synchronizer token: once a session exists the secret is kept in it (attribute {@code
   * armet.csrf}), so ending the session on the server revokes every token. The default.
   */
  SYNCHRONIZER,
  /**
   * Signed double-submit cookie, for applications without server-side sessions: the secret lives
   * only in the signed, HttpOnly CSRF cookie (HMAC-SHA256 under the keyring purpose {@code csrf})
   * and the request must submit it again, masked, as a token. The cookie is replaced whenever the
   * Armet session is regenerated or invalidated, or on {@link CsrfToken#rotate()}.
   */
  SIGNED_DOUBLE_SUBMIT
}
