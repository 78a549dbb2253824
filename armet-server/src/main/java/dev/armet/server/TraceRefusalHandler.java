package dev.armet.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code TRACE} (and the legacy {@code TRACK}) with 405 on every connector, before any
 * application code: a TRACE echo hands request headers, cookies included, back to a script
 * (cross-site tracing), and {@code HttpServlet.doTrace} echoes them by default. Since TRACE is
 * refused, it is taken out of every {@code Allow} header an {@code OPTIONS} answer carries ({@code
 * HttpServlet.doOptions} always lists it).
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
    if (HttpMethod.OPTIONS.is(method)) {
      return super.handle(request, new WithoutTraceInAllow(request, response), callback);
    }
    return super.handle(request, response, callback);
  }

  /** {@code Allow} without TRACE and TRACK; null when nothing is left. */
  static String withoutTrace(String allow) {
    StringBuilder out = new StringBuilder();
    for (String method : allow.split(",")) {
      String m = method.strip();
      if (!m.isEmpty() && !m.equalsIgnoreCase("TRACE") && !m.equalsIgnoreCase("TRACK")) {
        out.append(out.isEmpty() ? "" : ", ").append(m);
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  /** A response whose {@code Allow} fields lose TRACE however the application writes them. */
  private static final class WithoutTraceInAllow extends Response.Wrapper {
    private final HttpFields.Mutable headers;

    WithoutTraceInAllow(Request request, Response response) {
      super(request, response);
      this.headers =
          new HttpFields.Mutable.Wrapper(response.getHeaders()) {
            @Override
            public HttpField onAddField(HttpField field) {
              return filtered(field);
            }

            @Override
            public HttpField onReplaceField(HttpField oldField, HttpField newField) {
              return filtered(newField);
            }
          };
    }

    @Override
    public HttpFields.Mutable getHeaders() {
      return headers;
    }

    private static HttpField filtered(HttpField field) {
      if (field == null || field.getHeader() != HttpHeader.ALLOW || field.getValue() == null) {
        return field;
      }
      String allow = withoutTrace(field.getValue());
      return allow == null ? null : new HttpField(HttpHeader.ALLOW, allow);
    }
  }
}
