package @@PACKAGE@@;

import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import gg.jte.TemplateEngine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /}: GET shows the page with its form; POST (which the CSRF layer let through) keeps
 * the name in the session and answers 303 to {@code /}. The template escapes the name.
 */
final class HomeServlet extends HttpServlet {
  private static final int MAX_NAME = 100;
  private final transient TemplateEngine templates;

  HomeServlet(TemplateEngine templates) {
    this.templates = templates;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Session session = ServletSessions.of(request).orElseThrow();
    String greeting = session.get("greeting").map(Object::toString).orElse(null);
    Pages.render(templates, request, response, HttpServletResponse.SC_OK, "home.jte", new Pages.Home(
        session.userId().orElse(null), greeting, Pages.CsrfField.of(ServletCsrf.token(request).orElseThrow())));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = Pages.parameter(request, "name").strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the name must be 1 to " + MAX_NAME + " characters");
      return;
    }
    ServletSessions.of(request).orElseThrow().set("greeting", name);
    Pages.seeOther(response, "/");
  }
}
