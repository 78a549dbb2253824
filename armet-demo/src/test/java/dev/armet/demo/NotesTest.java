package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.server.ArmetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /notes} and {@code /search}: signed-in users only, kept in SQL, rich text cleaned by the
 * sanitizer (links forced to {@code rel="nofollow noopener"}, http/https only), posted only with a
 * CSRF token, bounded, and searched with the user's own regex under {@code SafePattern}.
 */
class NotesTest {
  static final String PASSWORD = "a long enough passphrase";
  @TempDir static Path data;
  static ArmetServer server;
  static final RecordingSink events = new RecordingSink();

  @BeforeAll
  static void start() throws Exception {
    server = DemoServers.start(data, events);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void signedInPages_anonymous_areSentToSignIn() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.30");
    for (String path :
        new String[] {"/notes", "/search?q=a", "/account/sessions", "/account/password"}) {
      HttpResponse<String> r = browser.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("location")).hasValue("/login");
    }
    assertThat(browser.get("/logout").statusCode()).as("GET never logs out").isEqualTo(405);
  }

  @Test
  void note_withToken_isStoredListedAndSurvivesANewSession() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.31");
    browser.signUp("notes-owner", PASSWORD);
    browser.get("/notes");
    HttpResponse<String> posted = browser.post("/notes", "text", "remember the <b>milk</b>");
    assertThat(posted.statusCode()).isEqualTo(303);
    assertThat(posted.headers().firstValue("location")).hasValue("/notes");
    assertThat(browser.get("/notes").body())
        .contains("<div class=\"body\">remember the <b>milk</b></div>");

    DemoClient other = new DemoClient(server, "127.0.0.31");
    other.signIn("notes-owner", PASSWORD);
    assertThat(other.get("/notes").body())
        .as("notes belong to the account, not the session")
        .contains("remember the <b>milk</b>");
    DemoClient stranger = new DemoClient(server, "127.0.0.31");
    stranger.signUp("someone-else", PASSWORD);
    assertThat(stranger.get("/notes").body()).doesNotContain("milk").contains("No notes yet.");
  }

  @Test
  void note_withoutToken_isRefused403_andNotStored() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.32");
    browser.signUp("token-test", PASSWORD);
    browser.get("/notes");
    events.clear();
    HttpResponse<String> refused = browser.postForm("/notes", Map.of("text", "forged note"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain("forged note");
    assertThat(events.await(e -> e.type().equals("malicious_csrf"), 10)).isNotNull();
    HttpResponse<String> wrongToken =
        browser.postForm("/notes", Map.of("text", "forged note", "_csrf", "A".repeat(86)));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(browser.get("/notes").body())
        .doesNotContain("forged note")
        .contains("No notes yet.");
  }

  @Test
  void richText_isSanitized_linksForcedNofollowNoopener_httpOnly() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.33");
    browser.signUp("rich-text", PASSWORD);
    browser.get("/notes");
    String attack =
        "<i>fine</i> <a href=\"https://example.org/x\" onclick=\"steal()\">ok</a>"
            + " <a href=\"javascript:alert(1)\">bad</a> <a href=\"ftp://example.org/\">ftp</a>"
            + "<script>alert('x')</script><img src=x onerror=alert(1)>";
    assertThat(browser.post("/notes", "text", attack).statusCode()).isEqualTo(303);
    String page = browser.get("/notes").body();
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile(
                "<a href=\"https://example.org/x\" rel=\"([a-z ]+)\">ok</a>")
            .matcher(page);
    assertThat(link.find()).as("the http link kept, with a forced rel").isTrue();
    assertThat(link.group(1).split(" ")).contains("nofollow", "noopener");
    assertThat(page)
        .contains("<i>fine</i>")
        .doesNotContain("onclick", "javascript:", "ftp://", "<script>alert", "<img", "onerror");
  }

  @Test
  void search_userRegex_findsNotesAndRefusesBacktrackingOnes() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.36");
    browser.signUp("searcher", PASSWORD);
    browser.get("/notes");
    assertThat(browser.post("/notes", "text", "buy milk").statusCode()).isEqualTo(303);
    assertThat(browser.post("/notes", "text", "a".repeat(40)).statusCode()).isEqualTo(303);
    assertThat(browser.get("/notes").body()).contains("<form method=\"get\" action=\"/search\"");
    HttpResponse<String> hit = browser.get("/search?q=m.lk");
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(hit.body()).contains("1 note matches", "buy milk").doesNotContain("aaaaaaaaaa");
    HttpResponse<String> invalid = browser.get("/search?q=x%7B%2C3%7D"); // x{,3}
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("invalid regex: Illegal repetition at index 2");
    events.clear();
    HttpResponse<String> redos =
        browser.get("/search?q=%28a%7Caa%29*%3Fb"); // (a|aa)*?b: exponential
    assertThat(redos.statusCode()).isEqualTo(422);
    assertThat(redos.body()).contains("search refused");
    assertThat(events.await(e -> e.type().equals("input_regex_budget_exceeded"), 10)).isNotNull();
    assertThat(browser.get("/search?q=" + "a".repeat(201)).statusCode()).isEqualTo(400);
  }

  @Test
  void note_tooLongEmptyOrControl_isRefusedWithAClearMessage() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.34");
    browser.signUp("limits", PASSWORD);
    browser.get("/notes");
    HttpResponse<String> tooLong = browser.post("/notes", "text", "x".repeat(Notes.MAX_LENGTH + 1));
    assertThat(tooLong.statusCode()).isEqualTo(422);
    assertThat(tooLong.body()).contains("A note can be at most 2000 characters long.");
    HttpResponse<String> empty = browser.post("/notes", "text", "   ");
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(empty.body()).contains("A note needs some text.");
    HttpResponse<String> nul = browser.post("/notes", "text", "a\u0000b");
    assertThat(nul.statusCode()).isEqualTo(422);
    assertThat(nul.body()).contains("control characters");
    assertThat(browser.post("/notes", "text", "x".repeat(Notes.MAX_LENGTH)).statusCode())
        .isEqualTo(303);
    assertThat(browser.get("/notes").body()).contains("x".repeat(Notes.MAX_LENGTH));
  }

  @Test
  void notes_areBoundedInNumber() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.35");
    browser.signUp("many-notes", PASSWORD);
    browser.get("/notes");
    for (int i = 0; i < Notes.MAX_NOTES; i++) {
      assertThat(browser.post("/notes", "text", "note " + i).statusCode()).isEqualTo(303);
    }
    HttpResponse<String> full = browser.post("/notes", "text", "one too many");
    assertThat(full.statusCode()).isEqualTo(422);
    assertThat(full.body()).contains("already have 50 notes").doesNotContain(">one too many<");
    assertThat(browser.get("/notes").body()).contains(">note 49<").doesNotContain("one too many");
  }
}
