package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.json.Json;
import dev.armet.server.ArmetServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored XSS in a real browser: every payload of {@link XssPayloads} is stored as a note, as a
 * username, and sent as a search, then the pages that show them are loaded in headless Chromium
 * with the Content-Security-Policy switched off ({@code Page.setBypassCSP}), so that only the
 * templates' escaping and the sanitizer stand in the way. Asserted on the live DOM: no payload ran
 * ({@code alert}, {@code confirm}, {@code prompt} are trapped before the page loads), no element
 * carries an event-handler attribute, no URL attribute is {@code javascript:} or {@code data:}, no
 * script but the demo's own exists, no active element was injected, and the payload is shown back
 * as the text it is.
 */
class ChromiumXssTest {
  static final String PASSWORD = "an ordinary passphrase";
  static final String TRAP =
      """
      window.__xss = [];
      for (const f of ['alert', 'confirm', 'prompt', 'print']) { window[f] = () => window.__xss.push(f); }""";
  static final String PROBLEMS =
      """
      (() => {
        const problems = [];
        if (window.__xss.length) problems.push('ran: ' + window.__xss.join());
        for (const e of document.querySelectorAll('*')) {
          for (const a of e.attributes) {
            const n = a.name.toLowerCase();
            if (n.startsWith('on')) problems.push('handler ' + n + ' on ' + e.tagName);
            if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'values', 'style'].includes(n)
                && /(javascript|data|vbscript):/i.test(a.value)) problems.push('url ' + n + '=' + a.value);
          }
        }
        for (const s of document.scripts) {
          const ours = s.src === location.origin + '/static/armet.js'
              || s.textContent.startsWith("document.getElementById('nonce-check')")
              || s.textContent.startsWith("document.getElementById('blocked-check')");
          if (!ours) problems.push('script ' + s.outerHTML.slice(0, 80));
        }
        const active = 'iframe,object,embed,svg,math,base,meta[http-equiv],template,noscript,style,video,'
            + 'audio,source,xss,select,img,link[rel=import],main details,animate';
        for (const e of document.querySelectorAll(active)) problems.push('element ' + e.tagName);
        for (const a of document.querySelectorAll('.note a')) {
          if (!/^https?:/.test(a.getAttribute('href') || '') || !a.relList.contains('nofollow')
              || !a.relList.contains('noopener')) problems.push('link ' + a.outerHTML);
        }
        return problems.join('\\n');
      })()""";

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

  static String origin() {
    return "https://localhost:" + server.httpsPort();
  }

  @Test
  void payloads_inNotesAndSearch_areInert() throws Exception {
    assertThat(XssPayloads.ALL).hasSizeGreaterThanOrEqualTo(30);
    DemoClient owner = new DemoClient(server, "127.0.6.1");
    owner.signUp("xss-notes", PASSWORD);
    owner.get("/notes");
    for (String payload : XssPayloads.ALL) {
      assertThat(owner.post("/notes", "text", payload).statusCode()).as(payload).isEqualTo(303);
    }
    try (DevTools browser = browser()) {
      browser.setCookie(origin() + "/", DemoClient.SESSION_COOKIE, owner.sessionCookie());
      browser.navigate(origin() + "/notes");
      assertThat(browser.evaluate("document.querySelectorAll('li.note').length"))
          .isEqualTo(XssPayloads.ALL.size());
      assertThat(browser.evaluate(PROBLEMS)).as("the notes page").isEqualTo("");

      List<String> failures = new ArrayList<>();
      for (String payload : XssPayloads.ALL) {
        browser.navigate(
            origin() + "/search?q=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
        Object problems = browser.evaluate(PROBLEMS);
        Object shown = browser.evaluate("document.getElementById('search-q').value");
        if (!"".equals(problems) || !payload.equals(shown)) {
          failures.add(payload + " -> " + problems + " / shown as " + shown);
        }
      }
      assertThat(failures).as("search pages").isEmpty();
    }
  }

  @Test
  void payloads_asUsernames_areInert() throws Exception {
    List<String> cookies = new ArrayList<>();
    int n = 0;
    for (String payload : XssPayloads.ALL) {
      DemoClient client = new DemoClient(server, "127.0.7." + (++n));
      client.signUp(payload, PASSWORD);
      cookies.add(client.sessionCookie());
    }
    try (DevTools browser = browser()) {
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < cookies.size(); i++) {
        String payload = XssPayloads.ALL.get(i);
        browser.clearCookies();
        browser.setCookie(origin() + "/", DemoClient.SESSION_COOKIE, cookies.get(i));
        for (String path : List.of("/", "/account/sessions")) {
          browser.navigate(origin() + path);
          Object problems = browser.evaluate(PROBLEMS);
          Object shown =
              browser.evaluate("document.querySelector('#signed-in strong').textContent");
          if (!"".equals(problems) || !payload.equals(shown)) {
            failures.add(path + " " + payload + " -> " + problems + " / shown as " + shown);
          }
        }
      }
      assertThat(failures).as("pages showing the name").isEmpty();
    }
  }

  private static DevTools browser() throws Exception {
    DevTools browser = DevTools.launch(Files.createTempDirectory(data, "chromium-profile"));
    browser.bypassCsp();
    browser.onNewDocument(TRAP);
    return browser;
  }

  static String json(String s) {
    return Json.write(s);
  }
}
