package dev.armet.servlet;

import dev.armet.internal.servlet.ArmetRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Puts the security headers back when the application calls {@code reset()}, and publishes Armet's
 * request attributes before {@code sendError}, so that the error page of the ERROR dispatch finds
 * them (the same CSP nonce as the header).
 */
final class ResetSafeResponse extends HttpServletResponseWrapper {
  private final ArmetHeaders headers;
  private final ArmetRequest request;

  ResetSafeResponse(HttpServletResponse response, ArmetHeaders headers, ArmetRequest request) {
    super(response);
    this.headers = headers;
    this.request = request;
  }

  @Override
  public void reset() {
    super.reset();
    headers.reapply();
  }

  @Override
  public void sendError(int sc) throws IOException {
    request.publish();
    super.sendError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    request.publish();
    super.sendError(sc, msg);
  }
}
