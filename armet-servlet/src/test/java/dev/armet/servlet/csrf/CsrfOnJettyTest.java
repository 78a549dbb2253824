package dev.armet.servlet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.csrf.CsrfProtectionBuilder;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CSRF scenarios against real Jetty, with real HTTP requests. */
class CsrfOnJettyTest {
  CsrfServer server;

  CsrfServer start(Consumer<CsrfProtectionBuilder> config) throws Exception {
    server = new CsrfServer(config);
    return server;
  }

  CsrfServer start() throws Exception {
    return start(c -> {});
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Asserts a refusal: 403, the fixed message, the app not called, the reason recorded. */
  void assertRefused(HttpResponse<String> r, int sideEffectsBefore, String reason) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("could not be verified").doesNotContain(reason);
    assertThat(NoteServlets.SIDE_EFFECTS.get())
        .as("application not called")
        .isEqualTo(sideEffectsBefore);
    assertThat(server.reasons("refused")).last().isEqualTo(reason);
  }

  @Test
  void post_sameOriginFormWithToken_allowed() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    HttpResponse<String> r = alice.postForm("/notes", "text=hi&_csrf=" + token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("noted:hi");
    assertThat(r.headers().allValues("Vary")).contains("Sec-Fetch-Site, Origin, Referer, Cookie");
  }

  @Test
  void loginForm_beforeAnySession_carriesValidToken() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    assertThat(alice.cookies).containsOnlyKeys("csrf"); // no session, just the signed cookie
    HttpResponse<String> r = alice.postForm("/login", "_csrf=" + token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(alice.cookies).containsKey("id");
  }

  @Test
  void post_crossSiteWithFetchMetadata_refused403() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    // Even a valid token does not help: the browser says the request came from another site.
    HttpResponse<String> r =
        alice.postForm(
            "/notes",
            "text=x&_csrf=" + token,
            "Sec-Fetch-Site",
            "cross-site",
            "Origin",
            "https://evil.example");
    assertRefused(r, before, "cross-site");
  }

  @Test
  void post_crossSiteWithoutFetchMetadata_refusedByOrigin() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    HttpResponse<String> r =
        alice.postForm(
            "/notes",
            "text=x&_csrf=" + token,
            "Sec-Fetch-Site",
            null,
            "Origin",
            "https://evil.example");
    assertRefused(r, before, "origin-mismatch");
  }

  @Test
  void post_crossSiteWithoutToken_refused403() throws Exception {
    Browser alice = start().browser();
    alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    // An old browser: no Fetch Metadata, no Origin, no Referer; only the token can decide.
    HttpResponse<String> r =
        alice.postForm("/notes", "text=x", "Sec-Fetch-Site", null, "Origin", null);
    assertRefused(r, before, "token-missing");
  }

  @Test
  void post_sameSite_refusedUnlessAllowed() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(
        alice.postForm("/notes", "_csrf=" + token, "Sec-Fetch-Site", "same-site"),
        before,
        "same-site");
  }

  @Test
  void post_wrongOrigin_refused403() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    // Same host, other port: another origin.
    String other = server.origin().replaceAll(":\\d+$", ":1");
    assertRefused(
        alice.postForm("/notes", "_csrf=" + token, "Origin", other), before, "origin-mismatch");
  }

  @Test
  void post_originNull_refused403() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(
        alice.postForm("/notes", "_csrf=" + token, "Origin", "null", "Sec-Fetch-Site", null),
        before,
        "origin-null");
  }

  @Test
  void post_allowListedOrigin_allowedEvenCrossSite() throws Exception {
    Browser alice = start(c -> c.allowOrigins("https://admin.example")).browser();
    String token = alice.formToken();
    HttpResponse<String> r =
        alice.postForm(
            "/notes",
            "text=a&_csrf=" + token,
            "Origin",
            "https://admin.example",
            "Sec-Fetch-Site",
            "cross-site");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void post_refererOnly_checkedLikeOrigin() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    HttpResponse<String> own =
        alice.postForm(
            "/notes",
            "text=r&_csrf=" + token,
            "Origin",
            null,
            "Sec-Fetch-Site",
            null,
            "Referer",
            server.origin() + "/form?x=1");
    assertThat(own.statusCode()).isEqualTo(200);
    before = NoteServlets.SIDE_EFFECTS.get();
    HttpResponse<String> evil =
        alice.postForm(
            "/notes",
            "text=r&_csrf=" + token,
            "Origin",
            null,
            "Sec-Fetch-Site",
            null,
            "Referer",
            "https://evil.example/page");
    assertRefused(evil, before, "referer-mismatch");
  }

  @Test
  void post_withoutToken_refused403() throws Exception {
    Browser alice = start().browser();
    alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(alice.postForm("/notes", "text=x"), before, "token-missing");
  }

  @Test
  void post_anotherSessionsToken_refused403() throws Exception {
    start();
    Browser alice = server.browser();
    Browser mallory = server.browser();
    alice.postForm("/login", "_csrf=" + alice.formToken());
    mallory.postForm("/login", "_csrf=" + mallory.formToken());
    String mallorysToken = mallory.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(
        alice.postForm("/notes", "text=x&_csrf=" + mallorysToken), before, "token-invalid");
  }

  @Test
  void post_oldTokenAfterLogin_refused403() throws Exception {
    Browser alice = start().browser();
    String before = alice.formToken();
    HttpResponse<String> login = alice.postForm("/login", "_csrf=" + before);
    String shownAfterLogin = login.body();
    int count = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(alice.postForm("/notes", "text=x&_csrf=" + before), count, "token-invalid");
    // The token the login response rendered (after regenerate) and a fresh one both work.
    assertThat(alice.postForm("/notes", "text=y&_csrf=" + shownAfterLogin).statusCode())
        .isEqualTo(200);
    assertThat(alice.postForm("/notes", "text=z&_csrf=" + alice.formToken()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void post_oldTokenAfterLoginInExistingSession_refused403() throws Exception {
    Browser alice = start().browser();
    String anonymous = alice.formToken();
    alice.postForm("/notes", "text=cart&_csrf=" + anonymous);
    alice.postForm("/login", "_csrf=" + anonymous);
    alice.postForm("/logout", "_csrf=" + alice.formToken());
    // An anonymous session that already holds a secret, then login in that session.
    alice.postForm("/login", "_csrf=" + alice.formToken());
    String loggedIn = alice.formToken();
    alice.postForm("/login", "_csrf=" + loggedIn); // a second regenerate() in the same session
    int count = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(alice.postForm("/notes", "text=x&_csrf=" + loggedIn), count, "token-invalid");
  }

  @Test
  void post_oldTokenAfterLogout_refused403() throws Exception {
    Browser alice = start().browser();
    alice.postForm("/login", "_csrf=" + alice.formToken());
    String loggedIn = alice.formToken();
    assertThat(alice.postForm("/logout", "_csrf=" + loggedIn).statusCode()).isEqualTo(200);
    int count = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(alice.postForm("/notes", "text=x&_csrf=" + loggedIn), count, "token-invalid");
    assertThat(alice.postForm("/notes", "text=y&_csrf=" + alice.formToken()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void post_tokenInQueryString_refused403() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    int before = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(alice.postForm("/notes?_csrf=" + token, "text=x"), before, "token-in-query");
    assertRefused(
        alice.postForm("/notes?%5Fcsrf=" + token, "text=x&_csrf=" + token),
        before,
        "token-in-query");
  }

  @Test
  void post_tokenInHeaderOrField_bothAccepted() throws Exception {
    Browser alice = start().browser();
    HttpResponse<String> header =
        alice.send(
            "POST",
            "/notes?text=h",
            null,
            null,
            "X-CSRF-Token",
            alice.formToken(),
            "Origin",
            server.origin());
    assertThat(header.body()).isEqualTo("noted:h");
    HttpResponse<String> field = alice.postForm("/notes", "text=f&_csrf=" + alice.formToken());
    assertThat(field.body()).isEqualTo("noted:f");
  }

  @Test
  void post_headerTokenWins_overWrongField() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    HttpResponse<String> r =
        alice.postForm("/notes", "text=w&_csrf=garbage", "X-CSRF-Token", token);
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void post_multipart_tokenInPart_appStillReadsParts() throws Exception {
    Browser alice = start().browser();
    String token = alice.formToken();
    String boundary = "----armet" + System.nanoTime();
    String body =
        part(boundary, "_csrf", null, token)
            + part(boundary, "text", null, "hello")
            + part(boundary, "file", "a.txt", "file-content")
            + "--"
            + boundary
            + "--\r\n";
    HttpResponse<String> r =
        alice.send(
            "POST",
            "/upload",
            "multipart/form-data; boundary=" + boundary,
            body,
            "Origin",
            server.origin());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("parts:hello,file-content");
    int before = NoteServlets.SIDE_EFFECTS.get();
    String without = part(boundary, "text", null, "hello") + "--" + boundary + "--\r\n";
    assertRefused(
        alice.send(
            "POST",
            "/upload",
            "multipart/form-data; boundary=" + boundary,
            without,
            "Origin",
            server.origin()),
        before,
        "token-missing");
  }

  static String part(String boundary, String name, String filename, String value) {
    return "--"
        + boundary
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: text/plain")
        + "\r\n\r\n"
        + value
        + "\r\n";
  }

  @Test
  void post_bearerJsonWithoutCookie_exempt() throws Exception {
    Browser client = start().browser();
    HttpResponse<String> r =
        client.send(
            "POST",
            "/api",
            "application/json",
            "{\"a\":1}",
            "Authorization",
            "Bearer abc.def",
            "Sec-Fetch-Site",
            "cross-site");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"a\":1}");
  }

  @Test
  void post_bearerJsonWithSessionCookie_checked() throws Exception {
    Browser alice = start().browser();
    alice.postForm("/login", "_csrf=" + alice.formToken());
    int before = NoteServlets.SIDE_EFFECTS.get();
    HttpResponse<String> r =
        alice.send(
            "POST",
            "/api",
            "application/json",
            "{\"a\":1}",
            "Authorization",
            "Bearer abc.def",
            "Origin",
            server.origin(),
            "Accept",
            "application/json");
    assertRefused(r, before, "token-missing");
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    // With the header token the JSON body still arrives intact: it was never read.
    HttpResponse<String> ok =
        alice.send(
            "POST",
            "/api",
            "application/json",
            "{\"b\":2}",
            "X-CSRF-Token",
            alice.formToken(),
            "Origin",
            server.origin());
    assertThat(ok.body()).isEqualTo("{\"b\":2}");
  }

  @Test
  void exemptPath_withoutSessionCookie_allowed_withSessionCookie_checked() throws Exception {
    Browser github = start().browser();
    assertThat(
            github
                .send(
                    "POST",
                    "/webhooks/github",
                    "application/json",
                    "{}",
                    "Sec-Fetch-Site",
                    "cross-site")
                .statusCode())
        .isEqualTo(200);
    Browser alice = server.browser();
    alice.postForm("/login", "_csrf=" + alice.formToken());
    int before = NoteServlets.SIDE_EFFECTS.get();
    assertRefused(
        alice.send(
            "POST", "/webhooks/github", "application/json", "{}", "Sec-Fetch-Site", "cross-site"),
        before,
        "cross-site");
  }

  @Test
  void getAndHead_neverBlocked() throws Exception {
    Browser alice = start().browser();
    for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
      HttpResponse<String> r =
          alice.send(
              method,
              "/plain",
              null,
              null,
              "Sec-Fetch-Site",
              "cross-site",
              "Origin",
              "null",
              "Referer",
              "https://evil.example/");
      assertThat(r.statusCode()).as(method).isNotEqualTo(403);
    }
    assertThat(alice.get("/plain").body()).isEqualTo("plain");
    assertThat(alice.cookies).as("no token asked for: no cookie").isEmpty();
    assertThat(server.events).isEmpty();
  }

  @Test
  void refusal_htmlForBrowsers_fixedAndUncached() throws Exception {
    Browser alice = start().browser();
    HttpResponse<String> r = alice.postForm("/notes", "text=x", "Accept", "text/html,*/*");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.body()).contains("<h1>Forbidden</h1>");
  }

  @Test
  void maskedTokens_differPerResponse_andEachVerifies() throws Exception {
    Browser alice = start().browser();
    String first = alice.formToken();
    String second = alice.formToken();
    assertThat(first).isNotEqualTo(second).hasSize(86);
    assertThat(alice.postForm("/notes", "_csrf=" + first).statusCode()).isEqualTo(200);
    assertThat(alice.postForm("/notes", "_csrf=" + second).statusCode()).isEqualTo(200);
  }

  @Test
  void reportOnly_recordsEveryLayer_refusesNothing() throws Exception {
    Browser alice = start(CsrfProtectionBuilder::reportOnly).browser();
    HttpResponse<String> r =
        alice.postForm(
            "/notes", "text=x", "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.reasons("report_only"))
        .containsExactly("cross-site", "origin-mismatch", "token-missing");
    assertThat(server.reasons("refused")).isEmpty();
  }
}
