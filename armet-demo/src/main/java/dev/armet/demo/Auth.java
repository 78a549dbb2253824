package dev.armet.demo;

import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/** Who is signed in, and the bookkeeping every accepted form post does. */
final class Auth {
  /**
   * Session attribute: the browser that signed in (User-Agent, shortened), for the sessions list.
   */
  static final String AGENT = "agent";

  private Auth() {}

  /** The signed-in user, if any. */
  static Optional<String> user(HttpServletRequest request) {
    return ServletSessions.of(request).flatMap(Session::userId);
  }

  /** The signed-in user, or empty after answering 303 to {@code /login}. */
  static Optional<String> require(HttpServletRequest request, HttpServletResponse response) {
    Optional<String> user = user(request);
    if (user.isEmpty()) {
      Pages.seeOther(response, "/login");
    }
    return user;
  }

  /** Binds the session to {@code user} under a new id (session fixation) and notes when. */
  static void signIn(HttpServletRequest request, String user) {
    Session session = ServletSessions.of(request).orElseThrow();
    session.regenerate();
    session.userId(user);
    HttpSession http = request.getSession();
    http.setAttribute(Protections.ROTATED_AT, System.currentTimeMillis());
    String agent = request.getHeader("User-Agent");
    http.setAttribute(
        AGENT, agent == null ? "unknown" : agent.substring(0, Math.min(agent.length(), 120)));
  }

  /** Records which CSRF layer accepted this post, for the panel of the next page. */
  static void accepted(HttpServletRequest request) {
    HttpSession http = request.getSession(false);
    if (http != null) {
      http.setAttribute(Protections.CSRF_LAYER, Protections.csrfLayer(request));
    }
  }
}
