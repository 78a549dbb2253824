package dev.armet.demo;

import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.servlet.ClientAddressRequest;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code /login}: GET shows the form; POST signs in. The order is the point (OWASP
 * Authentication Cheat Sheet): the {@link LoginThrottle} is asked first, so a locked-out guesser
 * costs no hashing and learns nothing (429 with {@code Retry-After}); then the password is
 * verified with the same Argon2id work for unknown users; success regenerates the session id
 * (session fixation) and answers 303 to {@code /}; any failure re-shows the form with one
 * generic message. Passwords are never logged or echoed.
 */
final class LoginServlet extends HttpServlet {
  private static final int MAX_USERNAME = 64;
  private static final int MAX_PASSWORD = 1024;

  private final DemoAccounts accounts;
  private final LoginThrottle throttle;

  LoginServlet(DemoAccounts accounts, LoginThrottle throttle) {
    this.accounts = accounts;
    this.throttle = throttle;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    page(request, response, HttpServletResponse.SC_OK, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String username = parameter(request, "username");
    String address = ClientAddressRequest.of(request).rateLimitKey();
    LoginCheck check = throttle.check(username, address);
    if (!check.allowed()) {
      long seconds = check.retryAfter().toSeconds();
      response.setHeader("Retry-After", Long.toString(seconds));
      page(request, response, 429, "Too many sign-in attempts. Try again in " + seconds + " seconds.");
      return;
    }
    pause(check);
    char[] password = parameter(request, "password").toCharArray();
    boolean valid;
    try {
      // Over-long input is a failure like any other, counted, with no hashing of megabytes.
      valid = username.length() <= MAX_USERNAME && password.length <= MAX_PASSWORD
          && accounts.verify(username, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (!valid) {
      throttle.failed(username, address);
      page(request, response, HttpServletResponse.SC_OK, LoginPage.FAILED);
      return;
    }
    throttle.succeeded(username, address);
    Session session = ServletSessions.of(request).orElseThrow();
    session.regenerate();
    session.userId(username);
    HtmlResponse.seeOther(response, "/");
  }

  private void page(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    String user = ServletSessions.of(request).flatMap(Session::userId).orElse(null);
    LoginPage.Model model = new LoginPage.Model(user, !accounts.isEmpty(),
        PageLayout.CsrfField.of(ServletCsrf.token(request).orElseThrow()), message);
    HtmlResponse.write(request, response, status, LoginPage.render(model));
  }

  private static String parameter(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    return value == null ? "" : value;
  }

  /** The throttle's per-username slow-down, when configured: a delay, never a lock-out. */
  private static void pause(LoginCheck check) throws IOException {
    if (check.delay().isZero()) {
      return;
    }
    try {
      Thread.sleep(check.delay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during the login slow-down", e);
    }
  }
}
