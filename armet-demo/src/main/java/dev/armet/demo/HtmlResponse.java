package dev.armet.demo;

import dev.armet.servlet.ArmetHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a rendered page. Pages carry a CSRF token and session data, so no cache (shared or
 * the browser's back-forward cache) may keep them.
 */
final class HtmlResponse {
  private HtmlResponse() {}

  static void write(HttpServletRequest request, HttpServletResponse response, int status, String html)
      throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    ArmetHeaders.of(request).noStore();
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** 303 See Other: after a form post, the browser loads {@code path} with GET. */
  static void seeOther(HttpServletResponse response, String path) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", path);
  }
}
