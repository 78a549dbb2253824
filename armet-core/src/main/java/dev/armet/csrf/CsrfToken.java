package dev.armet.csrf;

/**
 * The CSRF token of one request, for the page to send back: as the hidden form field {@link
 * #getParameterName()} or the header {@link #getHeaderName()}. {@link #getToken()} masks the secret
 * afresh on every call (BREACH), and every masked form verifies. The secret is created on first
 * use, so call it before writing the response body. Bean-style names, so templates can write {@code
 * ${_csrf.token}}. {@link #toString()} does not reveal the token.
 *
 * <pre>{@code
 * CsrfToken csrf = (CsrfToken) request.getAttribute("_csrf");
 * out.print("<input type=hidden name=" + csrf.getParameterName()
 *     + " value=" + csrf.getToken() + ">");
 * }</pre>
 */
public final class CsrfToken {
  /** The request's secrets; the names are the protection's (one field: issue 18). */
  private final RequestSecrets secrets;

  CsrfToken(RequestSecrets secrets) {
    this.secrets = secrets;
  }

  /**
   * A freshly masked token (86 base64url characters, safe in HTML attributes and headers).
   *
   * @throws IllegalStateException if this is the first token of this client and the response was
   *     already committed, so the cookie holding its secret can no longer be set
   */
  public String getToken() {
    return TokenMasking.mask(secrets.current());
  }

  /** The form field the token is read from ({@code _csrf} by default). */
  public String getParameterName() {
    return secrets.owner.parameterName();
  }

  /** The header the token is read from ({@code X-CSRF-Token} by default). */
  public String getHeaderName() {
    return secrets.owner.headerName();
  }

  /**
   * Replaces the secret now, so every token handed out before is refused. Armet sessions do this on
   * their own at {@code regenerate()} and {@code invalidate()}; call it at login and logout if the
   * application keeps its own authentication instead.
   */
  public void rotate() {
    secrets.rotate();
  }

  @Override
  public String toString() {
    return "CsrfToken[" + getParameterName() + "=redacted]";
  }
}
