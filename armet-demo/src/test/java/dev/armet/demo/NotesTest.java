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

/** {@code POST /notes}: only with this session's CSRF token, escaped on the way out, bounded. */
class NotesTest {
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
  void note_withToken_isStoredAndListed() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.31");
    browser.get("/");
    HttpResponse<String> posted = browser.post("/notes", "text", "remember the milk");
    assertThat(posted.statusCode()).isEqualTo(303);
    assertThat(posted.headers().firstValue("location")).hasValue("/");
    assertThat(browser.get("/").body()).contains("<li>remember the milk</li>");
  }

  @Test
  void note_withoutToken_isRefused403_andNotStored() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.32");
    browser.get("/");
    events.clear();
    HttpResponse<String> refused = browser.postForm("/notes", Map.of("text", "forged note"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain("forged note");
    assertThat(events.await(e -> e.type().equals("malicious_csrf"), 10)).isNotNull();
    HttpResponse<String> wrongToken = browser.postForm("/notes", Map.of("text", "forged note", "_csrf", "A".repeat(86)));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(browser.get("/").body()).doesNotContain("forged note").contains("No notes in this session yet.");
  }

  @Test
  void search_userRegex_findsNotesAndRefusesBacktrackingOnes() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.36");
    browser.get("/");
    assertThat(browser.post("/notes", "text", "buy milk").statusCode()).isEqualTo(303);
    assertThat(browser.post("/notes", "text", "a".repeat(40)).statusCode()).isEqualTo(303);
    assertThat(browser.get("/").body()).contains("<form method=\"get\" action=\"/search\">");
    HttpResponse<String> hit = browser.get("/search?q=m.lk");
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(hit.body()).isEqualTo("buy milk\n");
    HttpResponse<String> invalid = browser.get("/search?q=x%7B%2C3%7D"); // x{,3}
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).isEqualTo("invalid regex: Illegal repetition at index 2\n");
    events.clear();
    HttpResponse<String> redos = browser.get("/search?q=%28a%7Caa%29*%3Fb"); // (a|aa)*?b: exponential
    assertThat(redos.statusCode()).isEqualTo(422);
    assertThat(redos.body()).contains("search refused");
    assertThat(events.await(e -> e.type().equals("input_regex_budget_exceeded"), 10)).isNotNull();
  }

  @Test
  void note_isHtmlEscaped() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.33");
    browser.get("/");
    String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>&amp;\"";
    assertThat(browser.post("/notes", "text", attack).statusCode()).isEqualTo(303);
    String page = browser.get("/").body();
    assertThat(page).contains("<li>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;&#34;</li>")
        .doesNotContain("<script>alert", "<img src=x");
  }

  @Test
  void note_tooLongOrEmpty_isRefusedWithAClearMessage() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.34");
    browser.get("/");
    HttpResponse<String> tooLong = browser.post("/notes", "text", "x".repeat(Notes.MAX_LENGTH + 1));
    assertThat(tooLong.statusCode()).isEqualTo(422);
    assertThat(tooLong.body()).contains("A note can be at most 500 characters long.");
    HttpResponse<String> empty = browser.post("/notes", "text", "   ");
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(empty.body()).contains("A note needs some text.");
    assertThat(browser.post("/notes", "text", "x".repeat(Notes.MAX_LENGTH)).statusCode()).isEqualTo(303);
    assertThat(browser.get("/").body()).contains("<li>" + "x".repeat(Notes.MAX_LENGTH) + "</li>");
  }

  @Test
  void notes_areBoundedInNumber() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.35");
    browser.get("/");
    for (int i = 0; i < Notes.MAX_NOTES; i++) {
      assertThat(browser.post("/notes", "text", "note " + i).statusCode()).isEqualTo(303);
    }
    HttpResponse<String> full = browser.post("/notes", "text", "one too many");
    assertThat(full.statusCode()).isEqualTo(422);
    assertThat(full.body()).contains("already holds 20 notes").doesNotContain("<li>one too many</li>");
    assertThat(browser.get("/").body()).contains("<li>note 19</li>").doesNotContain("one too many");
  }
}
