package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.server.ArmetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home page's visit counter: the session cookie seen working, and a forged one ignored. */
class SessionVisitsTest {
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
  void visits_countUpInOneSession() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.21");
    assertThat(DemoClient.visits(browser.get("/"))).isEqualTo(1);
    String cookie = browser.sessionCookie();
    assertThat(cookie).isNotNull();
    assertThat(DemoClient.visits(browser.get("/"))).isEqualTo(2);
    assertThat(DemoClient.visits(browser.get("/"))).isEqualTo(3);
    assertThat(browser.sessionCookie()).as("same session, same id").isEqualTo(cookie);
  }

  @Test
  void tamperedCookie_startsAFreshSession() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.0.22");
    browser.get("/");
    browser.get("/");
    String cookie = browser.sessionCookie();
    char last = cookie.charAt(cookie.length() - 1);
    String tampered = cookie.substring(0, cookie.length() - 1) + (last == 'A' ? 'B' : 'A');

    HttpResponse<String> forged =
        browser.getWithOnly("/", DemoClient.SESSION_COOKIE + "=" + tampered);
    assertThat(forged.statusCode()).isEqualTo(200);
    assertThat(DemoClient.visits(forged)).isEqualTo(1);
    assertThat(forged.headers().allValues("set-cookie"))
        .as("a new session, with a new id")
        .anyMatch(h -> h.startsWith(DemoClient.SESSION_COOKIE + "=") && !h.contains(tampered));

    HttpResponse<String> genuine =
        browser.getWithOnly("/", DemoClient.SESSION_COOKIE + "=" + cookie);
    assertThat(DemoClient.visits(genuine)).as("the real session is untouched").isEqualTo(3);
  }

  @Test
  void homePage_isNotCached() throws Exception {
    HttpResponse<String> home = new DemoClient(server, "127.0.0.23").get("/");
    assertThat(home.headers().firstValue("cache-control").orElseThrow()).startsWith("no-store");
    assertThat(home.body())
        .contains("Not signed in", "href=\"/login\"", "id=\"nonce-check\"", "id=\"blocked-check\"");
  }
}
