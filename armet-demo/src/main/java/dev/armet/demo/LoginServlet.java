package dev.armet.demo;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.servlet.ClientAddressRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code /login}: GET shows the form; POST signs in. The order is the point (OWASP Authentication
 * Cheat Sheet): the {@link LoginThrottle} is asked first, so a locked-out guesser costs no hashing
 * and learns nothing (429 with {@code Retry-After}, an {@code authn_login_lock} event); then the
 * password is verified with the same Argon2id work for unknown users; success regenerates the
 * session id (session fixation), records {@code authn_login_success} and answers 303 to {@code
 * /notes}; any failure records {@code authn_login_fail} and re-shows the form with one generic
 * message. Passwords are never logged or echoed.
 */
final class LoginServlet extends HttpServlet {
  /** The one answer to every failed attempt: unknown user and wrong password alike. */
  static final String FAILED = "Invalid username or password.";

  static final int MAX_USERNAME = 200;
  static final int MAX_PASSWORD = 1024;

  private final transient DemoAccounts accounts;
  private final transient LoginThrottle throttle;
  private final transient SecurityEventSink events;

  LoginServlet(DemoAccounts accounts, LoginThrottle throttle, SecurityEventSink events) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.events = events;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    page(request, response, HttpServletResponse.SC_OK, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The same Unicode form sign-up stored (NFC), so "Zoë" typed either way is one account.
    String username =
        Normalizer.normalize(Input.parameter(request, "username"), Normalizer.Form.NFC);
    String address = ClientAddressRequest.of(request).rateLimitKey();
    LoginCheck check = throttle.check(username, address);
    if (!check.allowed()) {
      long seconds = check.retryAfter().toSeconds();
      events.record(
          SecurityEvent.of("authn_login_lock")
              .with("user", username)
              .with("retryAfterSeconds", seconds));
      response.setHeader("Retry-After", Long.toString(seconds));
      page(
          request,
          response,
          429,
          "Too many sign-in attempts. Try again in " + seconds + " seconds.");
      return;
    }
    pause(check);
    char[] password = Input.parameter(request, "password").toCharArray();
    Optional<String> user;
    try {
      // Over-long input is a failure like any other, counted, with no hashing of megabytes.
      user =
          username.length() <= MAX_USERNAME && password.length <= MAX_PASSWORD
              ? accounts.verify(username, password)
              : Optional.empty();
    } finally {
      Arrays.fill(password, '\0');
    }
    if (user.isEmpty()) {
      throttle.failed(username, address); // records authn_login_fail, the account as a keyed hash
      page(request, response, HttpServletResponse.SC_OK, FAILED);
      return;
    }
    throttle.succeeded(username, address); // records authn_login_success
    Auth.signIn(request, user.get());
    Auth.accepted(request);
    Pages.seeOther(response, "/");
  }

  private void page(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    Pages.show(
        request,
        response,
        status,
        "login.jte",
        "Sign in",
        "production",
        accounts.production(),
        "message",
        message);
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
