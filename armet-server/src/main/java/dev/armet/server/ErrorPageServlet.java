package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the servlet context's error pages. It is reached by an {@code ERROR} dispatch, so the
 * {@code ArmetFilter} runs first and puts the security headers back on the response. 5xx responses
 * get an incident id, logged with the full exception.
 */
final class ErrorPageServlet extends HttpServlet {
  static final String PATH = "/_armet/error";
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.error");

  private final transient ArmetEnvironment environment;

  ErrorPageServlet(ArmetEnvironment environment) {
    this.environment = environment;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    int status = response.getStatus();
    if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
      status = code;
    }
    Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String incident = null;
    if (status >= 500) {
      incident = ErrorBody.newIncidentId();
      LOG.error(
          "incident {}: {} {} answered {}", incident, request.getMethod(), uri, status, cause);
    }
    response.setHeader("Cache-Control", "no-store");
    ErrorBody.Rendered page =
        ErrorBody.render(
            status,
            request.getHeader("Accept"),
            environment,
            incident,
            ErrorBody.Detail.ofApplication(status, message, uri, cause));
    response.setContentType(page.contentType());
    response.setContentLength(page.body().length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(page.body());
    }
  }
}
