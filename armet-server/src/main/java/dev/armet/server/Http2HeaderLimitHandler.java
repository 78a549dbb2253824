package dev.armet.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Applies the request-head limit to HTTP/2 requests exactly as HTTP/1.1 counts it (request line
 * plus header lines, in bytes), and answers 431 past it.
 *
 * <p>Why not HPACK's own limit: Jetty's HPACK decoder counts 32 extra bytes per field (RFC 7541
 * §4.1), so HTTP/2 would refuse smaller heads than HTTP/1.1, and it refuses by closing the whole
 * connection (GOAWAY) or the stream (REFUSED_STREAM, which tells clients to retry) instead of
 * answering. The decoder keeps a hard bound of {@link #HPACK_FACTOR} times the limit against memory
 * exhaustion; between the limit and that bound the client gets a 431 like on HTTP/1.1.
 */
final class Http2HeaderLimitHandler extends Handler.Wrapper {
  /** The HPACK decoder's bound, as a multiple of the configured limit. */
  static final int HPACK_FACTOR = 4;

  private final int maxHeaderBytes;

  Http2HeaderLimitHandler(Handler next, int maxHeaderBytes) {
    super(next);
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2
        && http11HeadBytes(request) > maxHeaderBytes) {
      Response.writeError(
          request, response, callback, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431);
      return true;
    }
    return super.handle(request, response, callback);
  }

  /**
   * {@code METHOD SP path?query SP HTTP/1.1 CRLF}, then {@code name: value CRLF} per field, then
   * CRLF.
   */
  static long http11HeadBytes(Request request) {
    HttpURI uri = request.getHttpURI();
    String target = uri == null || uri.getPathQuery() == null ? "/" : uri.getPathQuery();
    long bytes = request.getMethod().length() + 1 + target.length() + 1 + "HTTP/1.1".length() + 2;
    for (HttpField field : request.getHeaders()) {
      String value = field.getValue();
      bytes += field.getName().length() + 2 + (value == null ? 0 : value.length()) + 2;
    }
    return bytes + 2;
  }
}
