package dev.armet.servlet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.csrf.CsrfMode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single-page apps (readable cookie, header echo) and the signed double-submit mode. */
class SpaAndSignedOnJettyTest {
  CsrfServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** What Angular's HttpClient and axios do on their own: echo XSRF-TOKEN as X-XSRF-TOKEN. */
  HttpResponse<String> xhr(Browser b, String path, String json) throws Exception {
    return b.send(
        "POST",
        path,
        "application/json",
        json,
        "Origin",
        server.origin(),
        "Sec-Fetch-Site",
        "same-origin",
        "X-XSRF-TOKEN",
        b.cookies.get("XSRF-TOKEN"));
  }

  static List<String> setCookies(HttpResponse<?> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .toList();
  }

  @Test
  void spa_readableCookieEchoedInHeader_allowed() throws Exception {
    server = new CsrfServer(c -> c.angularConvention());
    Browser app = server.browser();
    HttpResponse<String> page = app.get("/plain");
    assertThat(setCookies(page, "XSRF-TOKEN"))
        .singleElement()
        .satisfies(c -> assertThat(c).doesNotContain("HttpOnly").contains("SameSite=Lax"));
    assertThat(setCookies(page, "csrf"))
        .singleElement()
        .satisfies(c -> assertThat(c).contains("HttpOnly"));
    HttpResponse<String> r = xhr(app, "/api", "{\"n\":1}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"n\":1}");
    assertThat(setCookies(app.get("/plain"), "XSRF-TOKEN"))
        .as("a cookie that still verifies is not re-sent")
        .isEmpty();
  }

  @Test
  void spa_withoutHeader_refused_cookieAloneIsNotAToken() throws Exception {
    server = new CsrfServer(c -> c.angularConvention());
    Browser app = server.browser();
    app.get("/plain");
    int before = NoteServlets.SIDE_EFFECTS.get();
    HttpResponse<String> r =
        app.send("POST", "/api", "application/json", "{}", "Origin", server.origin());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(NoteServlets.SIDE_EFFECTS.get()).isEqualTo(before);
  }

  @Test
  void spa_loginRotatesReadableCookie_oldValueRefused() throws Exception {
    server = new CsrfServer(c -> c.angularConvention());
    Browser app = server.browser();
    app.get("/plain");
    String anonymous = app.cookies.get("XSRF-TOKEN");
    HttpResponse<String> login = xhr(app, "/login", "{}");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(app.cookies.get("XSRF-TOKEN"))
        .as("renewed by the login response itself")
        .isNotEqualTo(anonymous);
    assertThat(xhr(app, "/api", "{}").statusCode()).isEqualTo(200);
    int before = NoteServlets.SIDE_EFFECTS.get();
    HttpResponse<String> stale =
        app.send(
            "POST",
            "/api",
            "application/json",
            "{}",
            "Origin",
            server.origin(),
            "X-XSRF-TOKEN",
            anonymous);
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(NoteServlets.SIDE_EFFECTS.get()).isEqualTo(before);
  }

  @Test
  void signed_formTokenVerifies_withoutAnySession() throws Exception {
    server = new CsrfServer(c -> c.mode(CsrfMode.SIGNED_DOUBLE_SUBMIT));
    Browser alice = server.browser();
    HttpResponse<String> r = alice.postForm("/notes", "text=s&_csrf=" + alice.formToken());
    assertThat(r.body()).isEqualTo("noted:s");
    assertThat(alice.cookies).containsOnlyKeys("csrf");
  }

  @Test
  void signed_oldTokenAfterLoginAndLogout_refused() throws Exception {
    server = new CsrfServer(c -> c.mode(CsrfMode.SIGNED_DOUBLE_SUBMIT));
    Browser alice = server.browser();
    String anonymous = alice.formToken();
    alice.postForm("/login", "_csrf=" + anonymous);
    assertThat(alice.postForm("/notes", "_csrf=" + anonymous).statusCode()).isEqualTo(403);
    String loggedIn = alice.formToken();
    assertThat(alice.postForm("/notes", "_csrf=" + loggedIn).statusCode()).isEqualTo(200);
    alice.postForm("/logout", "_csrf=" + loggedIn);
    assertThat(alice.postForm("/notes", "_csrf=" + loggedIn).statusCode()).isEqualTo(403);
    assertThat(server.reasons("refused")).containsExactly("token-invalid", "token-invalid");
  }

  @Test
  void signed_anotherBrowsersToken_orForgedCookie_refused() throws Exception {
    server = new CsrfServer(c -> c.mode(CsrfMode.SIGNED_DOUBLE_SUBMIT));
    Browser alice = server.browser();
    Browser mallory = server.browser();
    alice.formToken();
    String mallorys = mallory.formToken();
    assertThat(alice.postForm("/notes", "_csrf=" + mallorys).statusCode()).isEqualTo(403);
    // A cookie the attacker made up (not signed by the keyring) never verifies.
    alice.cookies.put("csrf", "AAAA." + "A".repeat(43) + "." + "A".repeat(43));
    assertThat(alice.postForm("/notes", "_csrf=" + mallorys).statusCode()).isEqualTo(403);
    assertThat(server.reasons("refused")).containsExactly("token-invalid", "token-invalid");
  }
}
