package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.event.LogText;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-level error handler: answers every error Jetty produces outside the servlet context
 * (400 for a malformed request line, 431 for headers too large, 405 for TRACE, …) with an {@link
 * ErrorBody} and the security headers. Replaces Jetty's page, which names Jetty.
 */
final class ServerErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.error");

  private final SecurityHeaders headers;
  private final ArmetEnvironment environment;

  ServerErrorHandler(SecurityHeaders headers, ArmetEnvironment environment) {
    this.headers = headers;
    this.environment = environment;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String message = (String) request.getAttribute(ERROR_MESSAGE);
    Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
    if (cause instanceof HttpException http) {
      status = http.getCode();
    }
    if (status < 400 || status > 599) {
      status = HttpStatus.INTERNAL_SERVER_ERROR_500;
    }
    response.setStatus(status);
    CoreHeaders.write(headers, request, response);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String incident = null;
    if (isClientFault(status, cause)) {
      // A request Jetty refused to parse (HTTP/0.9, a bad request line, …) is the client's error,
      // even when its status is 505: one line at DEBUG, never an ERROR with a stack trace, so an
      // 8-byte request cannot buy 23 log lines.
      LOG.debug(
          "refused a malformed request with {}: {}",
          status,
          LogText.quote(String.valueOf(message)));
    } else if (status >= 500) {
      incident = ErrorBody.newIncidentId();
      LOG.error(
          "incident {}: {} {} answered {}",
          incident,
          request.getMethod(),
          CoreHeaders.path(request),
          status,
          cause);
    }
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    ErrorBody.Rendered page =
        ErrorBody.render(
            status,
            request.getHeaders().get(HttpHeader.ACCEPT),
            environment,
            incident,
            ErrorBody.Detail.refusal(status, message, String.valueOf(request.getHttpURI()), cause));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.body().length);
    response.write(true, ByteBuffer.wrap(page.body()), callback);
    return true;
  }

  /**
   * Whether the client caused this error: a 4xx, or a status Jetty chose when it refused the
   * request itself ({@link HttpException}, e.g. 505 for HTTP/0.9); a 500 is always ours.
   */
  static boolean isClientFault(int status, Throwable cause) {
    return status < 500
        || (cause instanceof HttpException && status != HttpStatus.INTERNAL_SERVER_ERROR_500);
  }
}
