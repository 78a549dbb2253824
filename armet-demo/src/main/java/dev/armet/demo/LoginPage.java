package dev.armet.demo;

import org.owasp.encoder.Encode;

/**
 * The sign-in form ({@code username}, {@code password}, {@code _csrf}). The username typed is
 * deliberately not echoed back: a failed attempt looks the same whichever name was tried.
 */
final class LoginPage {
  /** The one answer to every failed attempt: unknown user and wrong password alike. */
  static final String FAILED = "Invalid username or password.";

  /**
   * {@code user} is who is signed in already (or null); {@code hasAccounts} is false in
   * production, where the demo has none; {@code message} is null on a first visit.
   */
  record Model(String user, boolean hasAccounts, PageLayout.CsrfField csrf, String message) {}

  private LoginPage() {}

  static String render(Model model) {
    StringBuilder out = PageLayout.begin("Sign in - Armet demo");
    out.append("<h1>Sign in</h1>\n");
    if (model.user() != null) {
      out.append("<p id=\"signed-in\">Signed in as <strong>").append(Encode.forHtml(model.user()))
          .append("</strong>. <a href=\"/\">Home</a></p>\n");
    }
    if (model.hasAccounts()) {
      out.append("<p id=\"accounts\">Development mode: the demo has one account, <code>")
          .append(DemoAccounts.DEMO_USER).append("</code> with password <code>")
          .append(DemoAccounts.DEMO_PASSWORD).append("</code>.</p>\n");
    } else {
      out.append("<p id=\"accounts\">Production mode: the demo has no account at all, so nobody can "
          + "sign in. Run it with <code>ARMET_ENV=development</code> to try the sign-in.</p>\n");
    }
    PageLayout.message(out, "error", model.message());
    out.append("<form method=\"post\" action=\"/login\">");
    PageLayout.csrfField(out, model.csrf());
    out.append("""
        <p><label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" maxlength="64" required></p>
        <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p>Ten failed attempts for one username from one address lock that pair out for a minute
        (then five, then an hour); a hundred failures from one address in a day block it for the
        day. Passwords are hashed with Argon2id (19 MiB, 2 passes).</p>
        <p><a href="/">Home</a></p>
        """);
    return PageLayout.end(out);
  }
}
