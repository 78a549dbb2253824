package dev.armet.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code TRACE} (and the legacy {@code TRACK}) with 405 on every connector, before any
 * application code: a TRACE echo hands request headers, cookies included, back to a script
 * (cross-site tracing), and {@code HttpServlet.doTrace} echoes them by default.
 */
final class TraceRefusalHandler extends Handler.Wrapper {
  static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  TraceRefusalHandler(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if ("TRACE".equalsIgnoreCase(method) || "TRACK".equalsIgnoreCase(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
      Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
      return true;
    }
    return super.handle(request, response, callback);
  }
}
