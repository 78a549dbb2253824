package dev.armet.server;

import dev.armet.headers.SecurityHeaders;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends every plain-HTTP request to HTTPS with {@code 308 Permanent Redirect} (method and body
 * kept), path and query unchanged, to the configured canonical host: never to the client's {@code
 * Host} header, which would make the redirect an open redirect. Secure requests pass on.
 *
 * <p>The response carries the security headers of the core policy written for an insecure request,
 * so no {@code Strict-Transport-Security} (RFC 6797 §7.2: HSTS over plain HTTP is ignored, and a
 * network attacker could inject it anyway).
 */
final class HttpsRedirectHandler extends Handler.Wrapper {
  private final SecurityHeaders headers;
  private final String canonicalHost;
  private final IntSupplier httpsPort;

  /**
   * @param httpsPort the HTTPS port actually bound (read per request so that port 0 works)
   */
  HttpsRedirectHandler(
      Handler next, SecurityHeaders headers, String canonicalHost, IntSupplier httpsPort) {
    super(next);
    this.headers = headers;
    this.canonicalHost = canonicalHost;
    this.httpsPort = httpsPort;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.isSecure()) {
      return super.handle(request, response, callback);
    }
    CoreHeaders.write(headers, request, response);
    response.setStatus(HttpStatus.PERMANENT_REDIRECT_308);
    response.getHeaders().put(HttpHeader.LOCATION, location(request.getHttpURI()));
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    response.write(true, null, callback);
    return true;
  }

  /** {@code https://canonical[:port]/path?query}, the path still percent-encoded as received. */
  String location(HttpURI uri) {
    StringBuilder out = new StringBuilder(64).append("https://").append(canonicalHost);
    int port = httpsPort.getAsInt();
    if (port != 443) {
      out.append(':').append(port);
    }
    String path = uri.getPath();
    // Asterisk-form (OPTIONS *) and empty paths redirect to the root.
    out.append(path == null || !path.startsWith("/") ? "/" : path);
    String query = uri.getQuery();
    if (query != null) {
      out.append('?').append(query);
    }
    return out.toString();
  }
}
