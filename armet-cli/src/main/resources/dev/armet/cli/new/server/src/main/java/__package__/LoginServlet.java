package @@PACKAGE@@;

import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.servlet.ClientAddressRequest;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import gg.jte.TemplateEngine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code /login}: GET shows the form; POST signs in. The throttle is asked first, so a
 * locked-out guesser costs no hashing (429 with {@code Retry-After}); success gives the session
 * a new id (session fixation) and answers 303 to {@code /}; every failure shows one generic
 * message. Passwords are never logged or echoed.
 */
final class LoginServlet extends HttpServlet {
  static final String FAILED = "Wrong username or password.";
  private static final int MAX_USERNAME = 64;
  private static final int MAX_PASSWORD = 1024;

  private final transient TemplateEngine templates;
  private final transient Accounts accounts;
  private final transient LoginThrottle throttle;

  LoginServlet(TemplateEngine templates, Accounts accounts, LoginThrottle throttle) {
    this.templates = templates;
    this.accounts = accounts;
    this.throttle = throttle;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    page(request, response, HttpServletResponse.SC_OK, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String username = Pages.parameter(request, "username");
    String address = ClientAddressRequest.of(request).rateLimitKey();
    LoginCheck check = throttle.check(username, address);
    if (!check.allowed()) {
      long seconds = check.retryAfter().toSeconds();
      response.setHeader("Retry-After", Long.toString(seconds));
      page(request, response, 429, "Too many sign-in attempts. Try again in " + seconds + " seconds.");
      return;
    }
    char[] password = Pages.parameter(request, "password").toCharArray();
    boolean valid;
    try {
      valid = username.length() <= MAX_USERNAME && password.length <= MAX_PASSWORD
          && accounts.verify(username, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (!valid) {
      throttle.failed(username, address);
      page(request, response, HttpServletResponse.SC_OK, FAILED);
      return;
    }
    throttle.succeeded(username, address);
    Session session = ServletSessions.of(request).orElseThrow();
    session.regenerate();
    session.userId(username);
    Pages.seeOther(response, "/");
  }

  private void page(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    Pages.render(templates, request, response, status, "login.jte",
        new Pages.Login(message, Pages.CsrfField.of(ServletCsrf.token(request).orElseThrow())));
  }
}
