package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsrfProtectionTest {
  static final Keyring RING =
      Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));

  final List<SecurityEvent> events = new ArrayList<>();

  CsrfProtection protection(Consumer<CsrfProtectionBuilder> config) {
    return CsrfProtection.create(
        c -> {
          c.environment(ArmetEnvironment.DEVELOPMENT).keyring(RING).events(events::add);
          config.accept(c);
        });
  }

  /** A GET that renders a form: returns the exchange, whose cookies and token the next uses. */
  static Exchange page(CsrfProtection p, String cookies) {
    Exchange get = new Exchange();
    get.method = "GET";
    get.cookieHeader = cookies;
    return get;
  }

  static String[] tokenAndCookies(CsrfProtection p) {
    Exchange get = page(p, null);
    String token = p.check(get, get).token().orElseThrow().getToken();
    return new String[] {token, get.cookiesForNextRequest()};
  }

  static Exchange post(String cookies, String token) {
    Exchange post = new Exchange().sameOrigin();
    post.cookieHeader = cookies;
    if (token != null) {
      post.form.put("_csrf", token);
    }
    return post;
  }

  static Refusal decide(CsrfProtection p, Exchange e) {
    return p.check(e, e).refusal();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
  void safeMethods_pass_evenCrossSiteWithoutToken(String method) {
    CsrfProtection p = protection(c -> {});
    Exchange e = new Exchange().header("Sec-Fetch-Site", "cross-site").header("Origin", "null");
    e.method = method;
    assertThat(decide(p, e)).isNull();
    assertThat(e.written).as("nothing written for a page that asked for no token").isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void originNull_vouchedBySameOriginFetchMetadata_tokenDecides() {
    // Chromium's own same-origin form post under Referrer-Policy: no-referrer.
    CsrfProtection p = protection(c -> {});
    String[] tc = tokenAndCookies(p);
    Exchange ownForm = post(tc[1], tc[0]).header("Origin", "null");
    assertThat(decide(p, ownForm)).isNull();
    Exchange noToken = post(tc[1], null).header("Origin", "null");
    assertThat(decide(p, noToken)).isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void originNull_withoutFetchMetadata_orCrossSite_refused() {
    CsrfProtection p = protection(c -> {});
    String[] tc = tokenAndCookies(p);
    Exchange old = new Exchange().header("Origin", "null");
    old.cookieHeader = tc[1];
    old.form.put("_csrf", tc[0]);
    assertThat(decide(p, old)).isEqualTo(Refusal.ORIGIN_NULL);
    Exchange sandboxed =
        new Exchange().header("Sec-Fetch-Site", "cross-site").header("Origin", "null");
    assertThat(decide(p, sandboxed)).isEqualTo(Refusal.CROSS_SITE);
    CsrfProtection noFetch = protection(c -> c.fetchMetadata(Enforcement.OFF));
    String[] tc2 = tokenAndCookies(noFetch);
    Exchange unvouched = post(tc2[1], tc2[0]).header("Origin", "null");
    assertThat(decide(noFetch, unvouched)).isEqualTo(Refusal.ORIGIN_NULL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "post", "PROPFIND", "CONNECT"})
  void otherMethods_needEveryLayer(String method) {
    CsrfProtection p = protection(c -> {});
    Exchange e = new Exchange().sameOrigin();
    e.method = method;
    assertThat(decide(p, e)).isEqualTo(Refusal.TOKEN_MISSING);
    assertThat(e.written("Vary")).containsExactly("Sec-Fetch-Site, Origin, Referer, Cookie");
  }

  @Test
  void validToken_allowed_andEveryMaskedFormVerifies() {
    CsrfProtection p = protection(c -> {});
    Exchange get = page(p, null);
    CsrfToken token = p.check(get, get).token().orElseThrow();
    String a = token.getToken();
    String b = token.getToken();
    assertThat(a).isNotEqualTo(b);
    String cookies = get.cookiesForNextRequest();
    assertThat(cookies).startsWith("__Host-csrf=");
    assertThat(decide(p, post(cookies, a))).isNull();
    assertThat(decide(p, post(cookies, b))).isNull();
  }

  @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // fetchMetadata, origin, token, first enforced refusal (cross-site, evil origin, no token)
        "ENFORCE,     ENFORCE,     ENFORCE,     CROSS_SITE",
        "REPORT_ONLY, ENFORCE,     ENFORCE,     ORIGIN_MISMATCH",
        "OFF,         ENFORCE,     ENFORCE,     ORIGIN_MISMATCH",
        "REPORT_ONLY, REPORT_ONLY, ENFORCE,     TOKEN_MISSING",
        "ENFORCE,     OFF,         REPORT_ONLY, CROSS_SITE",
        "REPORT_ONLY, REPORT_ONLY, REPORT_ONLY, NULL",
        "OFF,         REPORT_ONLY, OFF,         NULL",
      })
  void layers_inOrder_eachEnforcedReportedOrOff(
      Enforcement fetch, Enforcement origin, Enforcement token, Refusal expected) {
    CsrfProtection p = protection(c -> c.fetchMetadata(fetch).origin(origin).token(token));
    Exchange e =
        new Exchange()
            .header("Sec-Fetch-Site", "cross-site")
            .header("Origin", "https://evil.example");
    assertThat(decide(p, e)).isEqualTo(expected);
    long reported =
        events.stream().filter(ev -> "report_only".equals(ev.fields().get("disposition"))).count();
    long refused =
        events.stream().filter(ev -> "refused".equals(ev.fields().get("disposition"))).count();
    assertThat(refused).isEqualTo(expected == null ? 0 : 1);
    assertThat(reported)
        .as("report-only layers before the refusing one")
        .isEqualTo(events.size() - refused);
  }

  @Test
  void refusalEvent_carriesFactsNeverTokens() {
    CsrfProtection p = protection(c -> {});
    String[] t = tokenAndCookies(p);
    // Another first character changes the pad, so the token no longer unmasks to the secret.
    String altered = (t[0].charAt(0) == 'A' ? "B" : "A") + t[0].substring(1);
    Exchange e = post(t[1], altered).header("Origin", SERVER());
    decide(p, e);
    assertThat(events)
        .singleElement()
        .satisfies(
            ev -> {
              assertThat(ev.type()).isEqualTo("malicious_csrf");
              assertThat(ev.fields())
                  .containsEntry("disposition", "refused")
                  .containsEntry("reason", "token-invalid")
                  .containsEntry("layer", "token")
                  .containsEntry("method", "POST")
                  .containsEntry("path", "/notes");
              assertThat(ev.toString()).doesNotContain(t[0].substring(1));
            });
  }

  static String SERVER() {
    return Exchange.SERVER.toString();
  }

  @Test
  void headerToken_preferred_formNeverRead() {
    CsrfProtection p = protection(c -> {});
    String[] t = tokenAndCookies(p);
    Exchange e = post(t[1], null).header("X-CSRF-Token", t[0]);
    assertThat(decide(p, e)).isNull();
    assertThat(e.formReads).as("a JSON body is checked by header only").isZero();
  }

  @Test
  void queryToken_refused_unlessAllowed() {
    String[] t = tokenAndCookies(protection(c -> {}));
    Exchange e = post(t[1], t[0]);
    e.query = "_csrf=" + t[0];
    assertThat(decide(protection(c -> {}), e)).isEqualTo(Refusal.TOKEN_IN_QUERY);
    assertThat(decide(protection(c -> c.allowTokenInQuery(true)), e)).isNull();
  }

  @ParameterizedTest(name = "{0} / cookies [{1}] / {2} -> exempt {3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "Bearer abc,    NULL,           /notes,          true",
        "bearer abc,    NULL,           /notes,          true",
        "Bearer abc,    other=1,        /notes,          false", // any cookie: ambient authority
        "Bearer,        NULL,           /notes,          false",
        "Basic dTpw,    NULL,           /notes,          false", // browsers replay Basic
        // credentials
        "NULL,          NULL,           /webhooks/gh,    true",
        "NULL,          other=1,        /webhooks/gh,    true",
        "NULL,          __Host-id=x,    /webhooks/gh,    false", // never with the session cookie
        "Bearer abc,    __Host-id=x,    /notes,          false",
        "NULL,          NULL,           /webhooksX,      false",
      })
  void exemptions_explicitAndNarrow(
      String authorization, String cookies, String path, boolean exempt) {
    CsrfProtection p = protection(c -> c.exempt("/webhooks/*"));
    ServerSessions sessions =
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(RING)
                    .store(new MemorySessionStore())
                    .events(ev -> {}));
    Exchange e =
        new Exchange()
            .header("Sec-Fetch-Site", "cross-site")
            .header("Authorization", authorization);
    e.cookieHeader = cookies;
    e.path = path;
    e.session = sessions.open(RequestCookies.parse(cookies), true);
    assertThat(decide(p, e) == null).isEqualTo(exempt);
  }

  @Test
  void bearerExemption_canBeTurnedOff() {
    CsrfProtection p = protection(c -> c.exemptBearerWithoutCookies(false));
    Exchange e = new Exchange().header("Authorization", "Bearer abc");
    assertThat(decide(p, e)).isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void vary_namesOnlyWhatTheEnabledLayersRead() {
    CsrfProtection p = protection(c -> c.origin(Enforcement.OFF));
    Exchange e = new Exchange();
    decide(p, e);
    assertThat(e.written("Vary")).containsExactly("Sec-Fetch-Site, Cookie");
  }

  @Test
  void firstToken_afterCommit_isALoudError() {
    CsrfProtection p = protection(c -> {});
    Exchange get = page(p, null);
    CsrfToken token = p.check(get, get).token().orElseThrow();
    get.committed = true;
    assertThatThrownBy(token::getToken)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before writing the body");
  }

  @Test
  void rotate_refusesEveryEarlierToken() {
    CsrfProtection p = protection(c -> {});
    String[] t = tokenAndCookies(p);
    Exchange e = page(p, t[1]);
    p.check(e, e).token().orElseThrow().rotate();
    String next = e.cookiesForNextRequest();
    assertThat(next).isNotEqualTo(t[1]);
    assertThat(decide(p, post(next, t[0]))).isEqualTo(Refusal.TOKEN_INVALID);
  }

  /** The servlet adapter's check: the token when allowed, null when refused, as check decides. */
  @Test
  void csrfTokens_answersAsCheck() {
    CsrfProtection p = protection(c -> {});
    String[] tc = tokenAndCookies(p);
    Exchange allowed = post(tc[1], tc[0]);
    CsrfToken token = dev.armet.internal.csrf.CsrfTokens.check(p, allowed, allowed);
    assertThat(token).isNotNull();
    assertThat(token.getParameterName()).isEqualTo("_csrf");
    Exchange forged = post(tc[1], null);
    assertThat(dev.armet.internal.csrf.CsrfTokens.check(p, forged, forged)).isNull();
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo("malicious_csrf"));
    assertThat(decide(p, post(tc[1], null))).as("check refuses the same request").isNotNull();
  }
}
