package dev.armet.servlet;

import dev.armet.internal.servlet.ArmetRequest;
import dev.armet.internal.servlet.session.SessionExchange;
import dev.armet.internal.servlet.session.SessionResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The response the filter passes on, one wrapper for every duty (issue 18): commits the session
 * before the response commits (with sessions on), puts the security headers back when the
 * application calls {@code reset()}, and publishes Armet's request attributes before {@code
 * sendError}, so that the error page of the ERROR dispatch finds them (the same CSP nonce as the
 * header).
 */
final class ResetSafeResponse extends SessionResponse {
  /** The request's state also holds its {@link ArmetHeaders}: no field for them (issue 18). */
  private final ArmetRequest request;

  /**
   * @param exchange the session exchange whose response this is, or null with sessions off (then it
   *     wraps the response the filter got)
   */
  ResetSafeResponse(
      HttpServletResponse response, @Nullable SessionExchange exchange, ArmetRequest request) {
    super(response, exchange);
    this.request = request;
  }

  @Override
  protected void afterReset() {
    Object applied = request.state().headers();
    if (applied instanceof ArmetHeaders) { // always: the filter applied them before wrapping
      ((ArmetHeaders) applied).reapply();
    }
  }

  @Override
  protected void beforeError() {
    request.publish();
  }
}
