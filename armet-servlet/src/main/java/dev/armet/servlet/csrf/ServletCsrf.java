package dev.armet.servlet.csrf;

import dev.armet.csrf.CsrfProtection;
import dev.armet.csrf.CsrfToken;
import dev.armet.internal.csrf.CsrfTokens;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link CsrfProtection} to a servlet request, before the application sees it. An allowed
 * request gets its {@link CsrfToken} as the request attribute {@value #ATTRIBUTE} (and under {@code
 * CsrfToken}'s class name); a refused one gets a 403 with a short fixed message, HTML or JSON
 * following {@code Accept}, and must not reach the application. Bodies are read only for urlencoded
 * and multipart forms without a header token, the way the application reads them (parameters and
 * parts stay available); JSON bodies are never read. Immutable and thread-safe.
 *
 * <p>Call it on REQUEST dispatches only, after the Armet session exchange has begun (so the session
 * is found with {@code ServletSessions.of(request)}), and pass it the wrapped request and response.
 *
 * <pre>{@code
 * if (csrf.apply(exchange.request(), exchange.response())) {
 *   chain.doFilter(exchange.request(), exchange.response());
 * }
 * }</pre>
 */
public final class ServletCsrf {
  /** The request attribute holding this request's {@link CsrfToken}. */
  public static final String ATTRIBUTE = "_csrf";

  private final CsrfProtection protection;

  public ServletCsrf(CsrfProtection protection) {
    this.protection = Objects.requireNonNull(protection, "protection");
  }

  /**
   * Checks the request. Returns true if the application may handle it (the token attribute is set);
   * false if it was refused and the 403 has been written.
   */
  public boolean apply(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletCsrfExchange exchange = new ServletCsrfExchange(request, response);
    // CsrfProtection.check, without the decision and the Optional around its token (issue 18).
    CsrfToken token = CsrfTokens.check(protection, exchange, exchange);
    if (token != null) {
      request.setAttribute(ATTRIBUTE, token);
      request.setAttribute(CsrfToken.class.getName(), token);
      return true;
    }
    Forbidden.write(request, response);
    return false;
  }

  /** The token of a request that passed {@link #apply}. */
  public static Optional<CsrfToken> token(ServletRequest request) {
    Object token = request.getAttribute(ATTRIBUTE);
    return token instanceof CsrfToken ? Optional.of((CsrfToken) token) : Optional.empty();
  }

  /** The protection applied. */
  public CsrfProtection protection() {
    return protection;
  }
}
