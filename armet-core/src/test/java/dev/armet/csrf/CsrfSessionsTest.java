package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import dev.armet.session.Session;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens and Armet sessions together, in core: login, logout, adoption, per mode. */
class CsrfSessionsTest {
  final ServerSessions sessions =
      ServerSessions.create(
          s ->
              s.environment(ArmetEnvironment.DEVELOPMENT)
                  .keyring(CsrfProtectionTest.RING)
                  .store(new MemorySessionStore())
                  .events(e -> {}));
  String jar;

  /** One request through sessions and CSRF; returns the decision's token text if allowed. */
  Refusal request(
      CsrfProtection p, String method, String token, Consumer<Session> app, String[] tokenOut) {
    Exchange e = "GET".equals(method) ? new Exchange() : new Exchange().sameOrigin();
    e.method = method;
    e.cookieHeader = jar;
    if (token != null) {
      e.form.put("_csrf", token);
    }
    e.session = sessions.open(RequestCookies.parse(jar), true);
    CsrfDecision d = p.check(e, e);
    if (d.isAllowed()) {
      app.accept(e.session);
      if (tokenOut != null) {
        tokenOut[0] = d.token().orElseThrow().getToken();
      }
    }
    sessions.commit(e.session).ifPresent(c -> e.written.add(new String[] {"Set-Cookie", c}));
    jar = e.cookiesForNextRequest();
    return d.refusal();
  }

  String token(CsrfProtection p) {
    String[] out = new String[1];
    request(p, "GET", null, s -> {}, out);
    return out[0];
  }

  static CsrfProtection protection(CsrfMode mode) {
    return CsrfProtection.create(
        c ->
            c.environment(ArmetEnvironment.DEVELOPMENT)
                .keyring(CsrfProtectionTest.RING)
                .events(e -> {})
                .mode(mode));
  }

  @ParameterizedTest
  @EnumSource(CsrfMode.class)
  void login_regenerate_refusesTheOldToken(CsrfMode mode) {
    CsrfProtection p = protection(mode);
    String anonymous = token(p);
    assertThat(
            request(
                p,
                "POST",
                anonymous,
                s -> {
                  s.set("user", "alice");
                  s.regenerate();
                },
                null))
        .isNull();
    assertThat(request(p, "POST", anonymous, s -> {}, null)).isEqualTo(Refusal.TOKEN_INVALID);
    assertThat(request(p, "POST", token(p), s -> {}, null)).isNull();
  }

  @ParameterizedTest
  @EnumSource(CsrfMode.class)
  void logout_invalidate_refusesTheOldToken(CsrfMode mode) {
    CsrfProtection p = protection(mode);
    request(p, "POST", token(p), s -> s.set("user", "alice"), null);
    String loggedIn = token(p);
    assertThat(request(p, "POST", loggedIn, Session::invalidate, null)).isNull();
    assertThat(request(p, "POST", loggedIn, s -> {}, null)).isEqualTo(Refusal.TOKEN_INVALID);
  }

  @ParameterizedTest
  @EnumSource(CsrfMode.class)
  void formRenderedBeforeSessionExisted_stillVerifiesAfter(CsrfMode mode) {
    CsrfProtection p = protection(mode);
    String[] rendered = new String[1];
    // The app creates a session and renders a form in the same request.
    request(p, "GET", null, s -> s.set("cart", 1), rendered);
    assertThat(request(p, "POST", rendered[0], s -> {}, null)).isNull();
  }

  @ParameterizedTest
  @EnumSource(CsrfMode.class)
  void secretLocation_synchronizerInSession_signedNever(CsrfMode mode) {
    CsrfProtection p = protection(mode);
    request(p, "POST", token(p), s -> s.set("user", "alice"), null);
    token(p); // the first token asked for inside the session
    Session s = sessions.open(RequestCookies.parse(jar), true);
    assertThat(s.get(RequestSecrets.SESSION_ATTRIBUTE).isPresent())
        .isEqualTo(mode == CsrfMode.SYNCHRONIZER);
  }
}
