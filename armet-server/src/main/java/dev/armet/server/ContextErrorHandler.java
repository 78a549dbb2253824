package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet context's error handler: every error status and exception is dispatched ({@code
 * ERROR}) to {@link ErrorPageServlet}, for every method. If that dispatch cannot happen, the
 * fallback writes the same {@link ErrorBody} with the security headers, never Jetty's page.
 */
final class ContextErrorHandler extends ErrorPageErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.error");
  private final SecurityHeaders headers;
  private final ArmetEnvironment environment;

  ContextErrorHandler(SecurityHeaders headers, ArmetEnvironment environment) {
    this.headers = headers;
    this.environment = environment;
    addErrorPage(GLOBAL_ERROR_PAGE, ErrorPageServlet.PATH);
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
    setUnwrapServletException(true);
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause) {
    CoreHeaders.write(headers, request, response);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String incident = null;
    if (code >= 500) {
      incident = ErrorBody.newIncidentId();
      LOG.error(
          "incident {}: {} {} answered {}",
          incident,
          request.getMethod(),
          CoreHeaders.path(request),
          code,
          cause);
    }
    ErrorBody.Rendered page =
        ErrorBody.render(
            code,
            request.getHeaders().get(HttpHeader.ACCEPT),
            environment,
            incident,
            ErrorBody.Detail.ofApplication(code, message, null, cause));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
    response.write(true, ByteBuffer.wrap(page.body()), callback);
    return true;
  }
}
