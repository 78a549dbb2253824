package @@PACKAGE@@;

import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code GET /api/status}: {@code {"status":"ok","signedIn":…,"user":…}} as JSON. */
final class StatusServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<String> user = ServletSessions.of(request).flatMap(Session::userId);
    String json = "{\"status\":\"ok\",\"signedIn\":" + user.isPresent() + ",\"user\":"
        + user.map(StatusServlet::string).orElse("null") + "}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** A JSON string; {@code <}, {@code >} and {@code &} escaped too, so it is inert in HTML. */
  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
