package dev.armet.demo;

import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /logout} (CSRF-protected like every post): ends the session, so its stored entry is
 * removed and the old cookie no longer signs anyone in, asks the browser to clear this origin's
 * cookies, storage and cache ({@code Clear-Site-Data}), and answers 303 to {@code /}. A GET is
 * refused (405): following a link must never log anyone out.
 */
final class LogoutServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    ServletSessions.of(request).ifPresent(Session::invalidate);
    ArmetHeaders.of(request).clearSiteData();
    Pages.seeOther(response, "/");
  }
}
