package dev.armet.demo;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the demo's jte templates ({@code src/main/jte}), precompiled at build time into this
 * package, in {@link ContentType#Html} mode: every {@code ${…}} is encoded for the context it is in
 * (element text, attribute, URL), so a missed call cannot become an XSS. The only unescaped output
 * is {@link RichText.Clean}, the sanitizer's output, through {@code $unsafe} in one template.
 */
final class Pages {
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.armet.demo");

  private Pages() {}

  /**
   * Writes {@code template} with {@code frame} and the name/value pairs {@code params}. Pages are
   * never cached (see {@link Frame#of}).
   */
  static void write(
      HttpServletResponse response, int status, String template, Frame frame, Object... params)
      throws IOException {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("frame", frame);
    for (int i = 0; i < params.length; i += 2) {
      model.put((String) params[i], params[i + 1]);
    }
    Utf8ByteOutput out = new Utf8ByteOutput();
    ENGINE.render(template, model, out);
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(out.getContentLength());
    out.writeTo(response.getOutputStream());
  }

  /** Renders {@code template} for this request, with its frame titled {@code title}. */
  static void show(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String template,
      String title,
      Object... params)
      throws IOException {
    write(response, status, template, Frame.of(request, response, title), params);
  }

  /** 303 See Other: after a form post, the browser loads {@code path} with GET. */
  static void seeOther(HttpServletResponse response, String path) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", path);
  }
}
