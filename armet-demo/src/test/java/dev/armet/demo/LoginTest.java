package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.server.ArmetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /login} and {@code /logout} through the real filter and server: Argon2id behind the login
 * throttle, the session id regenerated at sign-in, one answer for every failure, lock-out, the
 * per-address rate limit, and logout ending the session. Each test connects from its own loopback
 * address, so counters never leak between tests.
 */
class LoginTest {
  @TempDir static Path data;
  static ArmetServer server;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServers.start(data, new RecordingSink());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void loginForm_hasTheFieldsAndNamesTheDemoAccount() throws Exception {
    HttpResponse<String> form = new DemoClient(server, "127.0.0.41").get("/login");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body())
        .contains(
            "name=\"username\"",
            "name=\"password\"",
            "name=\"_csrf\"",
            "action=\"/login\"",
            "<code>demo</code>",
            "<code>armet-demo-password</code>");
    assertThat(form.headers().firstValue("cache-control").orElseThrow()).startsWith("no-store");
  }

  @Test
  void login_success_regeneratesTheSessionId_andShowsTheUser() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.42");
    browser.get("/");
    String before = browser.sessionCookie();
    browser.get("/login");
    HttpResponse<String> r =
        browser.post("/login", "username", "demo", "password", "armet-demo-password");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/");
    String after = browser.sessionCookie();
    assertThat(after).isNotNull().isNotEqualTo(before);

    HttpResponse<String> home = browser.get("/");
    assertThat(home.body()).contains("Signed in as <strong>demo</strong>", "action=\"/logout\"");
    assertThat(DemoClient.visits(home)).as("the session's data moved to the new id").isEqualTo(2);

    HttpResponse<String> oldCookie =
        browser.getWithOnly("/", DemoClient.SESSION_COOKIE + "=" + before);
    assertThat(oldCookie.body()).contains("Not signed in").doesNotContain("Signed in as");
    assertThat(DemoClient.visits(oldCookie)).isEqualTo(1);
  }

  @Test
  void wrongPasswordAndUnknownUser_getIdenticalAnswers() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.43");
    browser.get("/login");
    HttpResponse<String> wrong =
        browser.post("/login", "username", "demo", "password", "not-the-password");
    HttpResponse<String> unknown =
        browser.post("/login", "username", "nobody", "password", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
    assertThat(wrong.body())
        .contains(LoginServlet.FAILED)
        .doesNotContain("nobody", "not-the-password");
    // Every page carries a freshly masked token (BREACH); apart from it, byte for byte the same.
    assertThat(withoutToken(wrong.body())).isEqualTo(withoutToken(unknown.body()));
    assertThat(browser.get("/").body()).contains("Not signed in");
  }

  @Test
  void tenFailures_thenLockedOut429_evenWithTheRightPassword() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.44");
    browser.get("/login");
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = browser.post("/login", "username", "demo", "password", "guess-" + i);
      assertThat(r.statusCode()).as("attempt %d", i + 1).isEqualTo(200);
    }
    HttpResponse<String> locked =
        browser.post("/login", "username", "demo", "password", "armet-demo-password");
    assertThat(locked.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(locked.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).as("the first lock is a minute").isBetween(50L, 60L);
    assertThat(locked.body())
        .contains("Too many sign-in attempts. Try again in " + retryAfter + " seconds.");
    assertThat(browser.get("/").body()).contains("Not signed in");

    DemoClient elsewhere = new DemoClient(server, "127.0.0.45");
    elsewhere.signIn(); // the lock is for this address only: the owner is not locked out
  }

  @Test
  void signInPosts_areRateLimitedPerAddress_withRateLimitHeaders() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.46");
    browser.get("/login");
    HttpResponse<String> first = browser.post("/login", "username", "limit-test", "password", "x");
    assertThat(first.headers().firstValue("ratelimit-policy").orElseThrow())
        .contains("login-posts");
    assertThat(first.headers().firstValue("ratelimit")).isPresent();
    HttpResponse<String> refused = null;
    for (int i = 0; i < 100 && refused == null; i++) {
      HttpResponse<String> r = browser.post("/login", "username", "limit-test", "password", "x");
      if (r.statusCode() == 429 && r.body().startsWith("Too Many Requests")) {
        refused = r;
      }
    }
    assertThat(refused).as("the route limit refused within 100 posts").isNotNull();
    assertThat(refused.headers().firstValue("retry-after")).isPresent();
    assertThat(refused.headers().firstValue("ratelimit").orElseThrow()).contains("r=0");
    assertThat(new DemoClient(server, "127.0.0.47").get("/login").statusCode())
        .as("GET is not limited")
        .isEqualTo(200);
  }

  @Test
  void logout_endsTheSession_andClearsSiteData() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.48");
    browser.signIn();
    String signedIn = browser.sessionCookie();
    browser.get("/");
    HttpResponse<String> out = browser.post("/logout");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("location")).hasValue("/");
    assertThat(out.headers().firstValue("clear-site-data").orElseThrow()).contains("\"cookies\"");
    assertThat(browser.get("/").body()).contains("Not signed in");
    HttpResponse<String> oldCookie =
        browser.getWithOnly("/", DemoClient.SESSION_COOKIE + "=" + signedIn);
    assertThat(oldCookie.body()).contains("Not signed in");
    assertThat(DemoClient.visits(oldCookie)).isEqualTo(1);
  }

  @Test
  void logout_withoutToken_isRefused_andStaysSignedIn() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.49");
    browser.signIn();
    assertThat(browser.postForm("/logout", java.util.Map.of()).statusCode()).isEqualTo(403);
    assertThat(browser.get("/").body()).contains("Signed in as <strong>demo</strong>");
  }

  /** The page's main content (the panel around it shows per-request counters), token masked. */
  private static String withoutToken(String body) {
    String main = body.substring(body.indexOf("<main>"), body.indexOf("</main>"));
    return DemoClient.CSRF_FIELD.matcher(main).replaceAll("name=\"_csrf\" value=\"TOKEN\"");
  }
}
