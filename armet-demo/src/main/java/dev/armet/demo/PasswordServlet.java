package dev.armet.demo;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.ClientAddressRequest;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code /account/password} and {@code POST /account/delete} (signed in only). Both ask for the
 * current password again (re-authentication, behind the same {@link LoginThrottle} as sign-in). A
 * password change checks the {@link PasswordPolicy}, stores the new Argon2id hash, ends every other
 * session of the account, gives this one a new id and records {@code authn_password_change}.
 * Deletion removes the account, its notes and all its sessions, clears the browser's site data and
 * records {@code user_deleted}.
 */
final class PasswordServlet extends HttpServlet {
  static final String WRONG = "Your current password was not right.";
  static final String CHANGED =
      "Password changed. Every other session of your account was signed out.";

  private final transient DemoAccounts accounts;
  private final transient LoginThrottle throttle;
  private final transient SessionStore sessions;
  private final transient SecurityEventSink events;

  PasswordServlet(
      DemoAccounts accounts,
      LoginThrottle throttle,
      SessionStore sessions,
      SecurityEventSink events) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (Auth.require(request, response).isPresent()) {
      String notice = "1".equals(request.getParameter("changed")) ? CHANGED : null;
      page(request, response, 200, null, notice);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> signedIn = Auth.require(request, response);
    if (signedIn.isEmpty()) {
      return;
    }
    String user = signedIn.get();
    boolean deletion = request.getServletPath().equals("/account/delete");
    if (!reauthenticate(request, response, user, deletion ? "password" : "current")) {
      return;
    }
    if (deletion) {
      delete(request, response, user);
      return;
    }
    String password = Input.parameter(request, "password");
    String problem = PasswordPolicy.problem(user, password);
    if (problem != null) {
      page(request, response, 422, problem, null);
      return;
    }
    char[] secret = password.toCharArray();
    try {
      accounts.changePassword(user, secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
    Session session = ServletSessions.of(request).orElseThrow();
    String current = session.handle().orElse(null);
    int ended = 0;
    for (SessionRecord r : sessions.listForUser(user)) {
      if (!r.key().equals(current)) {
        sessions.delete(r.key());
        ended++;
      }
    }
    Auth.signIn(request, user); // a new id for this session too
    Auth.accepted(request);
    events.record(
        SecurityEvent.of("authn_password_change").with("user", user).with("sessionsEnded", ended));
    Pages.seeOther(response, "/account/password?changed=1");
  }

  private void delete(HttpServletRequest request, HttpServletResponse response, String user) {
    accounts.delete(user);
    sessions.deleteAllForUser(user);
    ServletSessions.of(request).ifPresent(Session::invalidate);
    ArmetHeaders.of(request).clearSiteData();
    events.record(SecurityEvent.of("user_deleted").with("user", user));
    Pages.seeOther(response, "/");
  }

  /** Checks the password in {@code field}; on failure answers and returns false. */
  private boolean reauthenticate(
      HttpServletRequest request, HttpServletResponse response, String user, String field)
      throws IOException {
    String address = ClientAddressRequest.of(request).rateLimitKey();
    LoginCheck check = throttle.check(user, address);
    if (!check.allowed()) {
      long seconds = check.retryAfter().toSeconds();
      events.record(
          SecurityEvent.of("authn_login_lock")
              .with("user", user)
              .with("retryAfterSeconds", seconds));
      response.setHeader("Retry-After", Long.toString(seconds));
      page(
          request,
          response,
          429,
          "Too many wrong passwords. Try again in " + seconds + " seconds.",
          null);
      return false;
    }
    char[] password = Input.parameter(request, field).toCharArray();
    boolean ok;
    try {
      ok =
          password.length <= LoginServlet.MAX_PASSWORD
              && accounts.verify(user, password).isPresent();
    } finally {
      Arrays.fill(password, '\0');
    }
    if (!ok) {
      throttle.failed(user, address); // records authn_login_fail
      page(request, response, 403, WRONG, null);
      return false;
    }
    return true;
  }

  private void page(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String message,
      String notice)
      throws IOException {
    Pages.show(
        request,
        response,
        status,
        "password.jte",
        "Password",
        "message",
        message,
        "notice",
        notice);
  }
}
