package dev.armet.server;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.headers.CspNonce;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Writes the core header policy onto a Jetty core response, for the responses the servlet filter
 * never sees: the HTTP→HTTPS redirect and the errors Jetty produces before any context (bad request
 * line, headers too large, TRACE refused). Same policy object, no copy of it.
 */
final class CoreHeaders {
  private CoreHeaders() {}

  static void write(SecurityHeaders policy, Request request, Response response) {
    HttpFields.Mutable fields = response.getHeaders();
    String nonce = policy.usesNonce() ? CspNonce.generate() : null;
    // A request too broken to parse never met the SecureRequestCustomizer: ask the connection.
    boolean secure = request.isSecure() || request.getConnectionMetaData().isSecure();
    policy.write(fields::put, secure, path(request), nonce);
  }

  /** The request path, or "/" when the request line was too broken to have one. */
  static String path(Request request) {
    HttpURI uri = request.getHttpURI();
    String path = uri == null ? null : uri.getPath();
    return path == null || !path.startsWith("/") ? "/" : path;
  }
}
