package dev.armet.demo;

import dev.armet.servlet.ArmetHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Serves the home page with this response's own security headers and CSP nonce. */
final class HomeServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String nonce = ArmetHeaders.of(request).nonce();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String name : response.getHeaderNames()) {
      headers.add(Map.entry(name, String.join(", ", response.getHeaders(name))));
    }
    byte[] body = HomePage.render(new HomePage.Model(nonce, request.isSecure(), headers))
        .getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
