package dev.armet.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code POST /notes} (field {@code text}): adds a note to this session and sends the browser
 * back to {@code /} (303, so a reload does not post twice). A note that is empty, too long or
 * one too many re-shows the home page with the reason (422). Reached only with a valid CSRF
 * token: {@code ArmetFilter} refuses any other post before this servlet runs.
 */
final class NotesServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String text = request.getParameter("text");
    String problem = Notes.problem(Notes.of(request.getSession(false)), text);
    if (problem != null) {
      HomeView.write(request, response, 422, problem);
      return;
    }
    HttpSession session = request.getSession();
    Notes.add(session, text);
    HtmlResponse.seeOther(response, "/");
  }
}
