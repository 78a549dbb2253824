package dev.armet.servlet.session;

import dev.armet.session.Session;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Changes the session through the Armet {@link Session} (not {@code HttpSession}) after the body
 * was flushed: each change must be refused, never silently lost.
 */
final class LateArmetServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Session session = ServletSessions.of(req).orElseThrow();
    session.set("early", true);
    resp.getWriter().print("body");
    resp.flushBuffer();
    for (Runnable change :
        List.<Runnable>of(
            () -> session.set("late", true),
            () -> session.userId("mallory"),
            session::invalidate,
            session::regenerate)) {
      try {
        change.run();
        resp.getWriter().print(" accepted");
      } catch (IllegalStateException e) {
        resp.getWriter().print(" refused: " + e.getMessage());
      }
    }
  }
}
