package dev.armet.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /}: counts this browser's visits in its session (so the session cookie is seen
 * working) and shows the home page with this response's own security headers and CSP nonce.
 */
final class HomeServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession();
    int visits = session.getAttribute(HomeView.VISITS) instanceof Number n ? n.intValue() : 0;
    session.setAttribute(HomeView.VISITS, visits + 1);
    HomeView.write(request, response, HttpServletResponse.SC_OK, null);
  }
}
