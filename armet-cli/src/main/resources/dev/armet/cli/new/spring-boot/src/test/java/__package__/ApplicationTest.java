package @@PACKAGE@@;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.keys.Secrets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port over real HTTP, in development mode, its data in a fresh
 * folder: headers and the CSP nonce, sign-up, sign-in, notes, the CSRF refusals, the lock-out,
 * and the production refusal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "armet.env=development")
class ApplicationTest {
  private static final Pattern NONCE = Pattern.compile("<script nonce=\"([^\"]+)\">");
  private static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger USERS = new AtomicInteger();

  @TempDir static Path data;

  @DynamicPropertySource
  static void dataFolder(DynamicPropertyRegistry registry) {
    registry.add("app.data", () -> data.toString());
  }

  @LocalServerPort int port;

  private Browser browser() {
    return new Browser(port);
  }

  /** A browser signed in as a new user; returns the user's name. */
  private static String signUp(Browser browser) throws Exception {
    String name = "user" + USERS.incrementAndGet();
    HttpResponse<String> created = browser.submit("/signup", "/signup", Map.of("username", name, "password", PASSWORD));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    assertThat(created.headers().firstValue("Location")).as("relative, with nothing of the model in it").hasValue("/");
    return name;
  }

  @Test
  void pages_carryTheSecurityHeaders_andThisResponsesNonce() throws Exception {
    HttpResponse<String> home = browser().get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    String csp = home.headers().firstValue("Content-Security-Policy").orElse("");
    Matcher script = NONCE.matcher(home.body());
    assertThat(script.find()).as("the page has a script with a nonce:%n%s", home.body()).isTrue();
    assertThat(csp).contains("default-src 'self'", "'nonce-" + script.group(1) + "'", "script-src-attr 'none'",
        "style-src 'self'").doesNotContain("unsafe-inline");
    assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    assertThat(home.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

    Matcher next = NONCE.matcher(browser().get("/").body());
    assertThat(next.find()).isTrue();
    assertThat(next.group(1)).as("a fresh nonce for every response").isNotEqualTo(script.group(1));
  }

  @Test
  void statusEndpoint_answersJson() throws Exception {
    HttpResponse<String> status = browser().get("/api/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(status.body()).isEqualTo("{\"status\":\"ok\",\"signedIn\":false,\"user\":null}");
  }

  @Test
  void signIn_givesANewSessionId_andSignOutEndsTheSessionOnTheServer() throws Exception {
    Browser browser = browser();
    String name = signUp(browser);
    assertThat(browser.get("/api/status").body()).contains("\"signedIn\":true", "\"user\":\"" + name + "\"");
    String before = browser.cookie("id").orElseThrow(() -> new AssertionError("no session cookie id"));

    HttpResponse<String> signedIn = browser.submit("/login", "/login", Map.of("username", name, "password", PASSWORD));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    String after = browser.cookie("id").orElseThrow();
    assertThat(after).as("sign-in gives the session a new id").isNotEqualTo(before);
    assertThat(browser().withCookie("id", before).get("/api/status").body()).as("the old id is dead")
        .contains("\"signedIn\":false");

    assertThat(browser.submit("/", "/logout", Map.of()).statusCode()).isEqualTo(302);
    assertThat(browser.get("/api/status").body()).contains("\"signedIn\":false");
    assertThat(browser().withCookie("id", after).get("/api/status").body()).as("a copy of the cookie is dead too")
        .contains("\"signedIn\":false");
  }

  @Test
  void notes_areEscaped_andSeenByTheirOwnerOnly() throws Exception {
    Browser alice = browser();
    signUp(alice);
    String attack = "<script>alert(1)</script><img src=x onerror=alert(2)>'; DROP TABLE notes; --";
    assertThat(alice.submit("/", "/notes", Map.of("text", attack)).statusCode()).isEqualTo(302);
    String page = alice.get("/").body();
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
        .doesNotContain("<script>alert(1)", "<img src=x");

    Browser bob = browser();
    signUp(bob);
    assertThat(bob.get("/").body()).doesNotContain("alert(1)");
    assertThat(alice.get("/").body()).as("the notes table is still there").contains("DROP TABLE notes");
  }

  @Test
  void signIn_withSqlInTheUsername_fails() throws Exception {
    signUp(browser());
    HttpResponse<String> injected = browser().submit("/login", "/login",
        Map.of("username", "' OR '1'='1' --", "password", "' OR '1'='1' --"));
    assertThat(injected.statusCode()).isEqualTo(200);
    assertThat(injected.body()).contains(AccountController.FAILED);
  }

  @Test
  void signUp_refusesAShortPassword_andATakenName() throws Exception {
    HttpResponse<String> shortPassword = browser().submit("/signup", "/signup",
        Map.of("username", "shorty", "password", "x".repeat(AccountController.MIN_PASSWORD - 1)));
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(shortPassword.body()).contains("at least " + AccountController.MIN_PASSWORD + " characters");

    String name = signUp(browser());
    HttpResponse<String> taken = browser().submit("/signup", "/signup", Map.of("username", name, "password", PASSWORD));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("That username is taken.");
  }

  @Test
  void crossSitePost_isRefused_evenWithAToken() throws Exception {
    Browser browser = browser();
    Map<String, String> form = Browser.csrfField(browser.get("/signup").body());
    HttpResponse<String> forged = browser.post("/signup", form, "cross-site", "https://attacker.example");
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  @Test
  void postWithoutToken_isRefused() throws Exception {
    Browser browser = browser();
    browser.get("/login");
    HttpResponse<String> bare = browser.post("/login", Map.of("username", "a", "password", "b"), "same-origin",
        browser.origin());
    assertThat(bare.statusCode()).isEqualTo(403);
  }

  @Test
  void repeatedWrongPasswords_lockTheAccountOut() throws Exception {
    Browser browser = browser();
    Map<String, String> guess = Map.of("username", "guessed", "password", "wrong password");
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> failed = browser.submit("/login", "/login", guess);
      assertThat(failed.statusCode()).isEqualTo(200);
      assertThat(failed.body()).contains(AccountController.FAILED);
    }
    HttpResponse<String> locked = browser.submit("/login", "/login", guess);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void production_withAnInMemoryStore_refusesToStart(@TempDir Path elsewhere) {
    SpringApplicationBuilder app = new SpringApplicationBuilder(Application.class);
    assertThatThrownBy(() -> app.run("--server.port=0", "--app.data=" + elsewhere, "--armet.env=production",
        "--armet.secrets=" + Secrets.generate(), "--armet.store=memory").close())
        .hasStackTraceContaining("armet.store");
  }
}
