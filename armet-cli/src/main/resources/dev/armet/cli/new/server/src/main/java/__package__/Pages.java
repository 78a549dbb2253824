package @@PACKAGE@@;

import dev.armet.csrf.CsrfToken;
import dev.armet.servlet.ArmetHeaders;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The models the templates in {@code src/main/jte} render, and how a page is written. */
public final class Pages {
  private Pages() {}

  /** The hidden field every form posts, so the CSRF layer accepts it. */
  public record CsrfField(String name, String token) {
    static CsrfField of(CsrfToken token) {
      return new CsrfField(token.getParameterName(), token.getToken());
    }
  }

  /** {@code home.jte}: the signed-in user (or null), the last greeting (or null). */
  public record Home(String user, String greeting, CsrfField csrf) {}

  /** {@code login.jte}: a message for the user (or null). */
  public record Login(String message, CsrfField csrf) {}

  /**
   * Renders {@code template} with {@code model}. Pages carry a CSRF token and session data, so
   * no cache may keep them.
   */
  static void render(TemplateEngine templates, HttpServletRequest request, HttpServletResponse response, int status,
      String template, Object model) throws IOException {
    Utf8ByteOutput out = new Utf8ByteOutput();
    templates.render(template, model, out);
    ArmetHeaders.of(request).noStore();
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(out.getContentLength());
    out.writeTo(response.getOutputStream());
  }

  /** 303 See Other: after a form post, the browser loads {@code path} with GET. */
  static void seeOther(HttpServletResponse response, String path) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", path);
  }

  /** A form field, or "" when absent. */
  static String parameter(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    return value == null ? "" : value;
  }
}
