package dev.armet.server;

import dev.armet.internal.servlet.ContainerHeaders;
import dev.armet.servlet.ArmetHeaders;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The application the server tests mount: one route per kind of response. */
final class TestApp extends HttpServlet {
  static final String SECRET = "secret-detail-7f3a";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (request.getPathInfo() == null ? "/" : request.getPathInfo()) {
      case "/ok" -> text(response, "ok");
      case "/read" -> text(response, "read " + request.getInputStream().readAllBytes().length);
      case "/params" -> text(response, "params " + request.getParameterMap().size());
      case "/parts" -> {
        try {
          text(response, "parts " + request.getParts().size());
        } catch (jakarta.servlet.ServletException e) {
          throw new IOException(e);
        }
      }
      case "/missing" -> response.sendError(404);
      case "/fail" -> response.sendError(500, SECRET);
      case "/boom" -> throw new IllegalStateException(SECRET);
      case "/markup" -> response.sendError(500, "<script>alert(1)</script>");
      case "/redirect" -> response.sendRedirect("/app/ok");
      case "/flush" -> {
        response.setContentType("text/plain");
        response.getWriter().write("first part ");
        response.flushBuffer();
        response.getWriter().write("second part");
      }
      case "/async" -> {
        AsyncContext async = request.startAsync();
        async.start(
            () -> {
              try {
                text((HttpServletResponse) async.getResponse(), "async done");
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              } finally {
                async.complete();
              }
            });
      }
      case "/reset" -> {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-App", "1");
        response.reset();
        text(response, "after reset");
      }
      case "/app-wins" -> {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "strict-origin");
        text(response, "app wins");
      }
      case "/widget" -> {
        ArmetHeaders.of(request).allowFraming("https://partner.example").noStore();
        text(response, "widget");
      }
      case "/remove" -> {
        ArmetHeaders.of(request).remove("Permissions-Policy");
        text(response, "removed");
      }
      case "/container" ->
          text(response, String.valueOf(request.getAttribute(ContainerHeaders.ATTRIBUTE) != null));
      default -> response.sendError(404);
    }
  }

  private static void text(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/plain;charset=utf-8");
    response.getWriter().write(body);
  }

  /** A folder with one stylesheet, for the static-file routes. */
  static Path staticFolder(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("static"));
    Files.writeString(dir.resolve("site.css"), "body { color: black; }\n");
    return dir;
  }
}
