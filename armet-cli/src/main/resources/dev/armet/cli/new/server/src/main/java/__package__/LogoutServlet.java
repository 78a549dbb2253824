package @@PACKAGE@@;

import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code POST /logout}: ends the session (on the server, not only the cookie), 303 to {@code /}. */
final class LogoutServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    ServletSessions.of(request).ifPresent(Session::invalidate);
    Pages.seeOther(response, "/");
  }
}
