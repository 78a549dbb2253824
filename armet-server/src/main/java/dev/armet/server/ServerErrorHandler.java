package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
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
 * The server-level error handler: answers every error Jetty produces outside the servlet
 * context (400 for a malformed request line, 431 for headers too large, 405 for TRACE, …) with
 * an {@link ErrorBody} and the security headers. Replaces Jetty's page, which names Jetty.
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
    if (status >= 500) {
      incident = ErrorBody.newIncidentId();
      LOG.error("incident {}: {} {} answered {}", incident, request.getMethod(), CoreHeaders.path(request),
          status, cause);
    }
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    ErrorBody.Rendered page = ErrorBody.render(status, request.getHeaders().get(HttpHeader.ACCEPT), environment,
        incident, ErrorBody.Detail.refusal(status, message, String.valueOf(request.getHttpURI()), cause));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.body().length);
    response.write(true, ByteBuffer.wrap(page.body()), callback);
    return true;
  }
}
