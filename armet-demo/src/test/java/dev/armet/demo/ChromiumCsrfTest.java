package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.armet.event.SecurityEvent;
import dev.armet.internal.json.Json;
import dev.armet.server.ArmetServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSRF in a real browser. A Chromium tab signs in and uses the demo's own note form, which works.
 * Then it visits a page on another site (a second server, on 127.0.0.1 rather than localhost, so
 * cross-site, not merely another port) that auto-submits a form to the demo's {@code /notes}: the
 * demo refuses it (403, a {@code malicious_csrf} event naming Fetch Metadata) and the note never
 * appears in the session. The sign-in and logout forms work in the browser too.
 *
 * <p>Under Helmet's {@code Referrer-Policy: no-referrer}, Chromium sends {@code Origin: null} on
 * the demo's own posts; they pass because {@code Sec-Fetch-Site: same-origin} vouches for them.
 */
class ChromiumCsrfTest {
  static final String OWN_NOTE = "written on the demo own page";
  static final String ATTACK_NOTE = "posted by another site";

  @TempDir static Path data;
  static ArmetServer demo;
  static HttpServer attacker;
  static final RecordingSink events = new RecordingSink();

  @BeforeAll
  static void start() throws Exception {
    demo = DemoServers.start(data.resolve("demo"), events);
    attacker = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    byte[] page =
        ("""
        <!doctype html><title>A harmless page</title>
        <form id="f" method="post" action="%s/notes">
        <input name="text" value="%s"><input name="_csrf" value="guessed"></form>
        <script>document.getElementById('f').submit();</script>
        """
                .formatted(demoOrigin(), ATTACK_NOTE))
            .getBytes(StandardCharsets.UTF_8);
    attacker.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    attacker.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (attacker != null) {
      attacker.stop(0);
    }
    if (demo != null) {
      demo.close();
    }
  }

  static String demoOrigin() {
    return "https://localhost:" + demo.httpsPort();
  }

  @Test
  void ownFormSucceeds_crossSiteAutoSubmitIsRefused() throws Exception {
    try (DevTools browser = DevTools.launch(Files.createTempDirectory(data, "chromium-profile"))) {
      browser.navigate(demoOrigin() + "/login");
      browser.runAndAwaitPage(
          """
          const form = document.querySelector('form[action="/login"]');
          form.username.value = %s;
          form.password.value = %s;
          form.requestSubmit();"""
              .formatted(
                  Json.write(DemoAccounts.DEMO_USER), Json.write(DemoAccounts.DEMO_PASSWORD)),
          demoOrigin() + "/");
      browser.navigate(demoOrigin() + "/notes");
      browser.runAndAwaitPage(
          """
          const form = document.querySelector('form[action="/notes"]');
          form.querySelector('[name=text]').value = %s;
          form.requestSubmit();"""
              .formatted(Json.write(OWN_NOTE)),
          demoOrigin() + "/notes");
      assertThat(browser.evaluate("location.href"))
          .as("after the post")
          .isEqualTo(demoOrigin() + "/notes");
      assertThat(browser.html())
          .contains(OWN_NOTE)
          .as("the panel names the layer that let the form through")
          .contains(
              "The last form you posted passed: Fetch Metadata (Sec-Fetch-Site: same-origin)");

      events.clear();
      String attackUrl = "http://127.0.0.1:" + attacker.getAddress().getPort() + "/";
      browser.open(attackUrl);
      SecurityEvent refused = events.await(e -> e.type().equals("malicious_csrf"), 60);
      assertThat(refused).as("the demo recorded a refused cross-site post within 60 s").isNotNull();
      assertThat(refused.fields())
          .containsEntry("reason", "cross-site")
          .containsEntry("path", "/notes")
          .containsEntry("secFetchSite", "cross-site");
      browser.awaitPage(demoOrigin() + "/notes");
      assertThat(browser.html()).contains("<h1>Forbidden</h1>").doesNotContain(ATTACK_NOTE);

      browser.navigate(demoOrigin() + "/notes");
      String notes = browser.html();
      assertThat(notes).contains(OWN_NOTE).doesNotContain(ATTACK_NOTE);
      browser.navigate(demoOrigin() + "/");
      assertThat(browser.html())
          .as("still the first session, still signed in")
          .contains("<strong id=\"visits\">2</strong>", "Signed in as <strong>demo</strong>");
    }
  }

  @Test
  void signInAndLogOut_throughTheDemosOwnForms() throws Exception {
    try (DevTools browser = DevTools.launch(Files.createTempDirectory(data, "chromium-profile"))) {
      browser.navigate(demoOrigin() + "/login");
      browser.runAndAwaitPage(
          """
          const form = document.querySelector('form[action="/login"]');
          form.username.value = %s;
          form.password.value = %s;
          form.requestSubmit();"""
              .formatted(
                  Json.write(DemoAccounts.DEMO_USER), Json.write(DemoAccounts.DEMO_PASSWORD)),
          demoOrigin() + "/");
      assertThat(browser.evaluate("location.href")).isEqualTo(demoOrigin() + "/");
      assertThat(browser.html()).contains("Signed in as <strong>demo</strong>");

      browser.runAndAwaitPage(
          "document.querySelector('form[action=\"/logout\"]').requestSubmit();",
          demoOrigin() + "/");
      assertThat(browser.evaluate("location.href")).isEqualTo(demoOrigin() + "/");
      assertThat(browser.html())
          .contains("Not signed in")
          .contains("<strong id=\"visits\">1</strong>");
    }
  }
}
