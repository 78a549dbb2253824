package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieSessionsTest {
  final MutableClock clock = new MutableClock();

  CookieSessions sessions(boolean sealed, Consumer<CookieSessionsBuilder> extra, String... keys) {
    Keyring ring =
        ServerSessionsTest.ring(keys.length == 0 ? new String[] {ServerSessionsTest.KEY_A} : keys);
    return CookieSessions.create(
        c -> {
          c.environment(ArmetEnvironment.DEVELOPMENT)
              .keyring(ring)
              .clock(clock)
              .sealed(sealed)
              .events(e -> {});
          extra.accept(c);
        });
  }

  CookieSessions sessions(boolean sealed) {
    return sessions(sealed, c -> {});
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTrip_keepsData(boolean sealed) {
    Browser b = new Browser();
    assertThat(b.request(sessions(sealed), s -> {})).isEmpty();
    String set = b.request(sessions(sealed), ServerSessionsTest::count).orElseThrow();
    assertThat(set).startsWith("session=");
    b.request(sessions(sealed), ServerSessionsTest::count);
    b.request(sessions(sealed), s -> assertThat(ServerSessionsTest.n(s)).isEqualTo(2));
    assertThat(b.request(sessions(sealed), s -> s.get("n"))).as("unchanged: no cookie").isEmpty();
  }

  @Test
  void signed_isReadable_sealed_isNot() {
    Browser signed = new Browser();
    signed.request(sessions(false), s -> s.set("note", "visible-marker"));
    String payload = signed.jar.get("session").split("\\.")[1];
    assertThat(new String(Base64.getUrlDecoder().decode(payload))).contains("visible-marker");
    Browser sealed = new Browser();
    sealed.request(sessions(true), s -> s.set("note", "visible-marker"));
    assertThat(sealed.jar.get("session")).doesNotContain(payload.substring(0, 8));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void open_tamperedTruncatedOrWrongKey_isAnonymous(boolean sealed) {
    Browser b = new Browser();
    b.request(sessions(sealed), ServerSessionsTest::count);
    String token = b.jar.get("session");
    for (String bad :
        new String[] {
          token.substring(0, token.length() - 3),
          token.replace(token.charAt(10), token.charAt(10) == 'x' ? 'y' : 'x'),
          token + "A"
        }) {
      Browser other = new Browser();
      other.jar.put("session", bad);
      assertThat(other.request(sessions(sealed), s -> assertThat(s.exists()).isFalse())).isEmpty();
    }
    b.copy()
        .request(
            sessions(sealed, c -> {}, ServerSessionsTest.KEY_B),
            s -> assertThat(s.exists()).isFalse());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void open_expiredCookieReplayed_rejected(boolean sealed) {
    Browser b = new Browser();
    b.request(sessions(sealed, c -> c.maxAge(Duration.ofHours(1))), ServerSessionsTest::count);
    clock.advance(Duration.ofMinutes(59));
    b.copy().request(sessions(sealed), s -> assertThat(s.exists()).isTrue());
    clock.advance(Duration.ofMinutes(1));
    b.request(sessions(sealed), s -> assertThat(s.exists()).isFalse());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void open_withRotatedKey_acceptsAndReissues(boolean sealed) {
    Browser b = new Browser();
    b.request(sessions(sealed, c -> {}, ServerSessionsTest.KEY_A), ServerSessionsTest::count);
    CookieSessions rotated =
        sessions(sealed, c -> {}, ServerSessionsTest.KEY_B, ServerSessionsTest.KEY_A);
    assertThat(b.request(rotated, s -> assertThat(ServerSessionsTest.n(s)).isEqualTo(1)))
        .isPresent();
    b.request(
        sessions(sealed, c -> {}, ServerSessionsTest.KEY_B),
        s -> assertThat(ServerSessionsTest.n(s)).isEqualTo(1));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void open_cookieMovedToAnotherName_rejected(boolean sealed) {
    Browser b = new Browser();
    b.request(sessions(sealed), ServerSessionsTest::count);
    Browser moved = new Browser();
    moved.jar.put("prefs", b.jar.get("session"));
    CookieSessions other =
        sessions(
            sealed, c -> c.cookie(dev.armet.cookie.SetCookie.named("prefs", k -> k.secure(true))));
    moved.request(other, s -> assertThat(s.exists()).isFalse());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void commit_oversizedSession_failsNamingTheSize(boolean sealed) {
    Browser b = new Browser();
    assertThatThrownBy(() -> b.request(sessions(sealed), s -> s.set("big", "x".repeat(3500))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageMatching(
            "cookie session 'session' would be \\d{4} bytes, over the 4093 bytes"
                + " a browser keeps; store less in the session or use ServerSessions");
  }

  @Test
  void invalidate_clearsCookie() {
    Browser b = new Browser();
    b.request(sessions(false), ServerSessionsTest::count);
    assertThat(b.request(sessions(false), Session::invalidate))
        .hasValueSatisfying(h -> assertThat(h).startsWith("session=; Max-Age=0"));
    assertThat(b.jar).isEmpty();
  }

  @Test
  void overHttps_usesHostPrefix() {
    assertThat(new Browser().request(sessions(true), true, ServerSessionsTest::count))
        .hasValueSatisfying(h -> assertThat(h).startsWith("__Host-session=").contains("Secure"));
  }
}
