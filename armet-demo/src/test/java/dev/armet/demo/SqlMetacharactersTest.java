package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.server.ArmetServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL metacharacters in every field change nothing: as usernames and passwords they are just names
 * and passwords (stored and matched exactly, never widening a match), as notes they come back as
 * written, as a search they find only what they spell, as a session key they revoke nothing. Every
 * statement is prepared; this checks that from the outside.
 */
class SqlMetacharactersTest {
  static final String PASSWORD = "a perfectly good passphrase";
  static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "' OR 1=1 --",
          "\" OR \"\"=\"",
          "admin'--",
          "'; DROP TABLE demo_users; --",
          "'); DELETE FROM demo_notes; --",
          "1; UPDATE demo_users SET password_hash='x'",
          "' UNION SELECT username, password_hash FROM demo_users --",
          "%' AND 1=0 UNION SELECT 1,2 --",
          "\\'; SELECT pg_sleep(5); --",
          "' AND SLEEP(5) #",
          "x' COLLATE NOCASE --",
          "`; --",
          "/* comment */ demo");
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
  void signIn_withInjectionAsUsernameOrPassword_neverSignsAnyoneIn() throws Exception {
    int n = 0;
    for (String injection : INJECTIONS) {
      DemoClient browser = new DemoClient(server, "127.0.4." + (++n));
      browser.get("/login");
      assertThat(browser.post("/login", "username", injection, "password", injection).body())
          .as(injection)
          .contains(LoginServlet.FAILED);
      assertThat(browser.post("/login", "username", "demo", "password", injection).body())
          .as(injection)
          .contains(LoginServlet.FAILED);
      assertThat(browser.get("/notes").statusCode()).as(injection).isEqualTo(303);
    }
    new DemoClient(server, "127.0.4.100").signIn(); // the demo account is intact
  }

  @Test
  void injectionAsUsernameAndNotes_isStoredAndShownExactly() throws Exception {
    int n = 0;
    for (String injection : INJECTIONS) {
      String username = injection + " user";
      DemoClient browser = new DemoClient(server, "127.0.5." + (++n));
      browser.signUp(username, injection + " " + PASSWORD);
      browser.get("/notes");
      assertThat(browser.post("/notes", "text", injection).statusCode())
          .as(injection)
          .isEqualTo(303);
      String page = browser.get("/notes").body();
      assertThat(page)
          .as(injection)
          .contains(
              "<li class=\"note\"><div class=\"body\">"
                  + RichText.clean(injection).html()
                  + "</div>");
      assertThat(page.split("<li class=\"note\">")).as("exactly one note").hasSize(2);

      HttpResponse<String> search =
          browser.get(
              "/search?q="
                  + URLEncoder.encode(
                      java.util.regex.Pattern.quote(injection), StandardCharsets.UTF_8));
      assertThat(search.statusCode()).as(injection).isEqualTo(200);
      assertThat(search.body()).as(injection).contains("1 note matches");

      browser.get("/account/sessions");
      assertThat(browser.post("/account/sessions/revoke", "session", injection).statusCode())
          .isEqualTo(404);
      assertThat(browser.get("/notes").statusCode()).as("still signed in").isEqualTo(200);

      DemoClient again = new DemoClient(server, "127.0.5." + n);
      again.signIn(username, injection + " " + PASSWORD);
    }
    DemoClient demo = new DemoClient(server, "127.0.5.200");
    demo.signIn();
    assertThat(demo.get("/notes").body())
        .as("nobody else's notes leaked, none deleted")
        .contains("No notes yet.");
  }
}
