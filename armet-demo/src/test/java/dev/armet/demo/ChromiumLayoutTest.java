package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.server.ArmetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page in headless Chromium at a phone's width (375 px) and a laptop's (1280 px), with the
 * real CSP in force: the stylesheet applies (style-src 'self', nothing inline), nothing overflows
 * horizontally (the document is no wider than the window, the "what protects this page" panel
 * opened, a note with a long link included), and a screenshot of each is kept in {@code
 * target/screenshots}.
 */
class ChromiumLayoutTest {
  static final List<String> PAGES =
      List.of(
          "/",
          "/login",
          "/signup",
          "/check-file",
          "/notes",
          "/search?q=a",
          "/account/sessions",
          "/account/password");
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
  void everyPage_at375And1280_hasNoHorizontalOverflow() throws Exception {
    DemoClient user = new DemoClient(server, "127.0.8.1");
    user.signUp("layout-user-with-a-rather-long-name-" + "x".repeat(60), "a layout passphrase");
    user.get("/notes");
    user.post(
        "/notes",
        "text",
        "a <a href=\"https://example.org/"
            + "very-long-path-segment-".repeat(12)
            + "\">long link</a> and a long word "
            + "a".repeat(150));
    String origin = "https://localhost:" + server.httpsPort();
    Path shots = Path.of("target", "screenshots");
    List<String> failures = new ArrayList<>();
    try (DevTools browser = DevTools.launch(Files.createTempDirectory(data, "chromium-profile"))) {
      browser.setCookie(origin + "/", DemoClient.SESSION_COOKIE, user.sessionCookie());
      for (int width : new int[] {375, 1280}) {
        browser.viewport(width, 800);
        for (String page : PAGES) {
          browser.navigate(origin + page);
          browser.evaluate("document.querySelector('#protections details').open = true");
          Object fits =
              browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth");
          Object accent = browser.evaluate("getComputedStyle(document.querySelector('h1')).color");
          if (!Boolean.TRUE.equals(fits)) {
            failures.add(
                width
                    + " "
                    + page
                    + ": scrollWidth "
                    + browser.evaluate("document.documentElement.scrollWidth")
                    + " > "
                    + width);
          }
          if (!"rgb(47, 111, 78)".equals(accent)) {
            failures.add(
                width + " " + page + ": stylesheet not applied (h1 colour " + accent + ")");
          }
          browser.screenshot(shots.resolve(width + page.replaceAll("[^a-z]+", "-") + ".png"));
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
