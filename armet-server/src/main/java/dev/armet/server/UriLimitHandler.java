package dev.armet.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a URI longer than the URI limit ({@code 414}) and a query with more parameters than the
 * parameter limit ({@code 400}) before any application code parses it. The servlet container bounds
 * form fields and multipart parts, but not query parameters; many keys that collide in a hash map
 * are the classic hash-flooding request.
 */
final class UriLimitHandler extends Handler.Wrapper {
  private final int maxUriBytes;
  private final int maxParameters;

  UriLimitHandler(Handler next, RequestLimits limits) {
    super(next);
    this.maxUriBytes = limits.maxUriBytes();
    this.maxParameters = limits.maxParameters();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    String pathQuery = uri == null ? null : uri.getPathQuery();
    if (pathQuery != null && pathQuery.length() > maxUriBytes) {
      Response.writeError(request, response, callback, HttpStatus.URI_TOO_LONG_414);
      return true;
    }
    String query = uri == null ? null : uri.getQuery();
    if (query != null && parameterCount(query) > maxParameters) {
      Response.writeError(
          request, response, callback, HttpStatus.BAD_REQUEST_400, "too many query parameters");
      return true;
    }
    return super.handle(request, response, callback);
  }

  /** The number of {@code &}-separated fields, counted the way a query parser would split them. */
  static int parameterCount(String query) {
    int count = query.isEmpty() ? 0 : 1;
    for (int i = 0; i < query.length(); i++) {
      if (query.charAt(i) == '&') {
        count++;
      }
    }
    return count;
  }
}
