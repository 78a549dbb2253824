package dev.armet.servlet;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/** Puts the security headers back when the application calls {@code reset()}. */
final class ResetSafeResponse extends HttpServletResponseWrapper {
  private final ArmetHeaders headers;

  ResetSafeResponse(HttpServletResponse response, ArmetHeaders headers) {
    super(response);
    this.headers = headers;
  }

  @Override
  public void reset() {
    super.reset();
    headers.reapply();
  }
}
