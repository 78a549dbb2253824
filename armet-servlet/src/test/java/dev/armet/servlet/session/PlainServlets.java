package dev.armet.servlet.session;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ordinary servlet session code, written against the Servlet API only, exactly as an existing
 * application would have it. None of it knows Armet exists.
 */
final class PlainServlets {
  private PlainServlets() {}

  /** The classic visit counter. */
  static final class Counter extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      HttpSession session = req.getSession();
      Integer count = (Integer) session.getAttribute("count");
      count = count == null ? 1 : count + 1;
      session.setAttribute("count", count);
      resp.setContentType("text/plain");
      resp.getWriter().print(count);
    }
  }

  /** Reads without creating. */
  static final class Peek extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      HttpSession session = req.getSession(false);
      resp.getWriter()
          .print(session == null ? "none" : String.valueOf(session.getAttribute("count")));
    }
  }

  /** The attribute names, without creating. */
  static final class PeekAll extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      HttpSession session = req.getSession(false);
      resp.getWriter()
          .print(
              session == null
                  ? "none"
                  : String.valueOf(java.util.Collections.list(session.getAttributeNames())));
    }
  }

  /** Login with the Servlet 3.1 fixation defence. */
  static final class Login extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      req.getSession().setAttribute("user", req.getParameter("user"));
      req.changeSessionId();
      resp.sendRedirect("/peek");
    }
  }

  /** Logout, then a fresh anonymous session in the same request. */
  static final class Logout extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      HttpSession session = req.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      if (req.getParameter("flash") != null) {
        req.getSession(true).setAttribute("flash", "bye");
      }
      resp.getWriter().print("ok");
    }
  }

  /** Tries to store a non-JSON object. */
  static final class Bad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      try {
        req.getSession().setAttribute("thing", new StringBuilder("x"));
        resp.getWriter().print("stored");
      } catch (IllegalArgumentException e) {
        resp.getWriter().print(e.getMessage());
      }
    }
  }

  /** Takes the writer first, sets the session after, then writes a body larger than the buffer. */
  static final class Big extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      var out = resp.getWriter();
      req.getSession().setAttribute("big", true);
      out.print("x".repeat(100_000));
    }
  }

  /** Changes the session after the body was flushed. */
  static final class Late extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().print("body");
      resp.flushBuffer();
      try {
        req.getSession().setAttribute("late", true);
      } catch (IllegalStateException e) {
        resp.getWriter().print(" refused: " + e.getMessage());
      }
    }
  }

  /** Writes, then resets the (still buffered) response and writes again. */
  static final class Reset extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      req.getSession().setAttribute("count", 7);
      resp.getWriter().print("draft");
      resp.reset();
      resp.getWriter().print("final");
    }
  }

  /** Fails after touching the session. */
  static final class Boom extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      req.getSession().setAttribute("count", 41);
      resp.sendError(500);
    }
  }

  /** An error page that reads the session, as many do to show the user's name. */
  static final class ErrorPage extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      HttpSession session = req.getSession(false);
      resp.getWriter()
          .print(
              "error; session "
                  + (session == null ? "none" : String.valueOf(session.getAttribute("count"))));
    }
  }
}
