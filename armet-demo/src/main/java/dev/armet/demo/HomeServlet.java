package dev.armet.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /}: counts this browser's visits in its session (so the session cookie is seen
 * working), shows a stored-XSS attempt after the sanitizer, and the CSP checks: a script with this
 * response's nonce runs, one without is blocked, one loaded with Subresource Integrity runs.
 */
final class HomeServlet extends HttpServlet {
  static final String VISITS = "visits";

  /** An inline script without the nonce, in home.jte: the CSP must block it (and report it). */
  static final String BLOCKED_SCRIPT =
      "document.getElementById('blocked-check').textContent = 'blocked script ran';";

  /** The stored-XSS attempt the home page shows before and after cleaning. */
  static final String SAMPLE_ATTACK =
      "<b>Hello</b> <img src=x onerror=alert(document.cookie)>"
          + " <a href=\"javascript:alert(1)\">a javascript: link</a>"
          + " <a href=\"https://example.org/\" onclick=\"steal()\">a real link</a><script>alert(2)</script>";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession();
    int visits = session.getAttribute(VISITS) instanceof Number n ? n.intValue() + 1 : 1;
    session.setAttribute(VISITS, visits);
    Pages.show(
        request,
        response,
        200,
        "home.jte",
        "Home",
        "visits",
        visits,
        "sampleAttack",
        SAMPLE_ATTACK,
        "sampleClean",
        RichText.clean(SAMPLE_ATTACK));
  }
}
