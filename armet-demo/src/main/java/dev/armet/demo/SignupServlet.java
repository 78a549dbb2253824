package dev.armet.demo;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * {@code /signup}: GET shows the form; POST creates an account (the {@link PasswordPolicy},
 * Argon2id, a {@code user_created} event), signs it in under a fresh session id and answers 303 to
 * {@code /notes}. A refused name or password re-shows the form (422) with the reason; the password
 * is never echoed. Posts are rate-limited per address like sign-in.
 */
final class SignupServlet extends HttpServlet {
  private final transient DemoAccounts accounts;
  private final transient SecurityEventSink events;

  SignupServlet(DemoAccounts accounts, SecurityEventSink events) {
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Pages.show(request, response, 200, "signup.jte", "Sign up", "username", "", "message", null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String username =
        Normalizer.normalize(Input.parameter(request, "username"), Normalizer.Form.NFC);
    String password = Input.parameter(request, "password");
    String problem = usernameProblem(username);
    if (problem == null) {
      problem = PasswordPolicy.problem(username, password);
    }
    if (problem == null) {
      char[] secret = password.toCharArray();
      try {
        if (!accounts.create(username, secret)) {
          problem = "That username is taken; choose another.";
        }
      } finally {
        Arrays.fill(secret, '\0');
      }
    }
    if (problem != null) {
      Pages.show(
          request,
          response,
          422,
          "signup.jte",
          "Sign up",
          "username",
          username.length() <= LoginServlet.MAX_USERNAME ? username : "",
          "message",
          problem);
      return;
    }
    events.record(SecurityEvent.of("user_created").with("user", username));
    Auth.signIn(request, username);
    Auth.accepted(request);
    events.record(
        SecurityEvent.of("authn_login_success").with("user", username).with("via", "signup"));
    Pages.seeOther(response, "/notes");
  }

  static String usernameProblem(String username) {
    if (username.isBlank()) {
      return "Choose a username.";
    }
    if (username.codePointCount(0, username.length()) > LoginServlet.MAX_USERNAME) {
      return "A username can be at most " + LoginServlet.MAX_USERNAME + " characters long.";
    }
    if (Input.hasControlCharacters(username, false)) {
      return "A username cannot contain control characters.";
    }
    if (!username.equals(username.strip())) {
      return "A username cannot start or end with spaces.";
    }
    return null;
  }
}
