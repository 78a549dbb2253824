package dev.armet.servlet.csrf;

import dev.armet.csrf.CsrfToken;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny notes application: a form page, a note endpoint, login, logout, upload and an API. */
final class NoteServlets {
  /** How often the application handled an unsafe request: a refused one must not count. */
  static final AtomicInteger SIDE_EFFECTS = new AtomicInteger();

  private NoteServlets() {}

  /** The page with the form; the body is just the token, so tests can read it. */
  static final class Form extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      CsrfToken token = ServletCsrf.token(req).orElseThrow();
      String value = token.getToken();
      resp.setContentType("text/plain");
      resp.getWriter().print(value);
    }
  }

  /** Posts a note: echoes the {@code text} parameter. */
  static final class Notes extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      SIDE_EFFECTS.incrementAndGet();
      resp.setContentType("text/plain");
      resp.getWriter().print("noted:" + req.getParameter("text"));
    }
  }

  /** Login with the fixation defence, then a page that shows the new token. */
  static final class Login extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      SIDE_EFFECTS.incrementAndGet();
      req.getSession().setAttribute("user", "alice");
      req.changeSessionId();
      resp.setContentType("text/plain");
      resp.getWriter().print(ServletCsrf.token(req).orElseThrow().getToken());
    }
  }

  static final class Logout extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      SIDE_EFFECTS.incrementAndGet();
      HttpSession session = req.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      resp.getWriter().print("bye");
    }
  }

  /** Multipart: the application reads its parts after the filter did. */
  static final class Upload extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp)
        throws IOException, jakarta.servlet.ServletException {
      SIDE_EFFECTS.incrementAndGet();
      String text =
          new String(req.getPart("text").getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String file =
          new String(req.getPart("file").getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      resp.getWriter().print("parts:" + text + "," + file);
    }
  }

  /** A JSON API: the body must arrive intact. */
  static final class Api extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      SIDE_EFFECTS.incrementAndGet();
      resp.setContentType("application/json");
      resp.getWriter()
          .print(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** GET and HEAD are never blocked; this one has no token use at all. */
  static final class Plain extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().print("plain");
    }
  }
}
