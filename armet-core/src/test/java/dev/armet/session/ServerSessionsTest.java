package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ServerSessionsTest {
  static final String KEY_A = Secrets.generate();
  static final String KEY_B = Secrets.generate();

  final MutableClock clock = new MutableClock();
  final CountingStore store = new CountingStore(new MemorySessionStore(100, clock));
  final List<SecurityEvent> events = new ArrayList<>();

  ServerSessions sessions(Consumer<ServerSessionsBuilder> extra, String... secrets) {
    return ServerSessions.create(
        s -> {
          s.environment(ArmetEnvironment.DEVELOPMENT)
              .store(store)
              .clock(clock)
              .events(events::add)
              .keyring(ring(secrets.length == 0 ? new String[] {KEY_A} : secrets));
          extra.accept(s);
        });
  }

  ServerSessions sessions() {
    return sessions(s -> {});
  }

  static Keyring ring(String... secrets) {
    return Keyring.create(
        k -> {
          k.environment(ArmetEnvironment.PRODUCTION);
          for (String s : secrets) {
            k.secret(s);
          }
        });
  }

  static void count(Session s) {
    int n = s.get("n").map(v -> ((Number) v).intValue()).orElse(0);
    s.set("n", n + 1);
  }

  static int n(Session s) {
    return s.get("n").map(v -> ((Number) v).intValue()).orElse(0);
  }

  @Test
  void commit_untouchedSession_noCookieNoStoreWork() {
    Browser b = new Browser();
    assertThat(b.request(sessions(), s -> {})).isEmpty();
    assertThat(b.request(sessions(), Session::create)).isEmpty();
    assertThat(store.saves.get() + store.loads.get()).isZero();
  }

  @Test
  void commit_withData_setsSignedIdCookieAndStores() {
    Browser b = new Browser();
    String header = b.request(sessions(), ServerSessionsTest::count).orElseThrow();
    assertThat(header)
        .startsWith("id=")
        .contains("; Path=/; HttpOnly; SameSite=Lax")
        .doesNotContain("Secure");
    assertThat(store.saves.get()).isEqualTo(1);
    int[] seen = new int[1];
    b.request(sessions(), s -> seen[0] = n(s));
    assertThat(seen[0]).isEqualTo(1);
  }

  @Test
  void open_overHttps_usesHostPrefixedSecureCookie() {
    String header =
        new Browser().request(sessions(), true, ServerSessionsTest::count).orElseThrow();
    assertThat(header).startsWith("__Host-id=").contains("; Path=/; Secure; HttpOnly");
  }

  @Test
  void commit_unmodified_writesNothingAndSetsNoCookie() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    int saves = store.saves.get();
    assertThat(b.request(sessions(), s -> s.get("n"))).isEmpty();
    assertThat(store.saves.get()).isEqualTo(saves);
    assertThat(store.touches.get()).isZero();
  }

  @Test
  void open_tamperedCookie_isAnonymousAndReported() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    String token = b.jar.get("id");
    char last = token.charAt(token.length() - 1);
    b.jar.put("id", token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'));
    int loads = store.loads.get();
    Session[] seen = new Session[1];
    assertThat(b.request(sessions(), s -> seen[0] = s)).isEmpty();
    assertThat(seen[0].exists()).isFalse();
    assertThat(store.loads.get()).as("store never asked").isEqualTo(loads);
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("session_created", "session_tampered");
    assertThat(events.get(1).toString()).doesNotContain(token);
  }

  @Test
  void open_truncatedOrWrongKeyCookie_isAnonymous() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    String token = b.jar.get("id");
    for (String bad :
        List.of(token.substring(0, token.length() / 2), token.substring(5), "", "x")) {
      Browser other = new Browser();
      other.jar.put("id", bad);
      other.request(sessions(), s -> assertThat(s.exists()).isFalse());
    }
    Browser wrongKey = b.copy();
    wrongKey.request(sessions(s -> {}, KEY_B), s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void open_forgedUnsignedId_neverReachesTheStore() {
    Browser attacker = new Browser();
    attacker.jar.put("id", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    attacker.request(sessions(), s -> assertThat(s.exists()).isFalse());
    attacker.jar.put("id", "abcd.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAA");
    attacker.request(sessions(), s -> assertThat(s.exists()).isFalse());
    assertThat(store.loads.get()).isZero();
  }

  @Test
  void open_withRotatedKey_acceptsAndReissuesWithCurrentKey() {
    Browser b = new Browser();
    b.request(sessions(s -> {}, KEY_A), ServerSessionsTest::count);
    ServerSessions rotated = sessions(s -> {}, KEY_B, KEY_A);
    String reissued = b.request(rotated, s -> assertThat(n(s)).isEqualTo(1)).orElseThrow();
    assertThat(reissued).startsWith("id=");
    b.request(sessions(s -> {}, KEY_B), s -> assertThat(n(s)).isEqualTo(1));
    assertThat(b.request(rotated, s -> {})).isEmpty();
  }

  @Test
  void sessionFixation_plantedCookieStopsWorkingAtLogin() {
    Browser attacker = new Browser();
    attacker.request(sessions(), s -> s.set("cart", List.of("x")));
    Browser victim = attacker.copy(); // the attacker plants their cookie in the victim's browser
    victim.request(
        sessions(),
        s -> {
          s.regenerate();
          s.set("user", "victim");
        });
    assertThat(victim.jar.get("id")).isNotEqualTo(attacker.jar.get("id"));
    attacker.request(sessions(), s -> assertThat(s.exists()).isFalse());
    victim.request(sessions(), s -> assertThat(s.get("user")).contains("victim"));
  }

  @Test
  void sessionFixation_validSignatureForUnknownId_isNeverAdopted() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    String dead = b.jar.get("id");
    b.request(sessions(), Session::invalidate);
    Browser attacker = new Browser();
    attacker.jar.put("id", dead);
    attacker.request(sessions(), ServerSessionsTest::count);
    assertThat(attacker.jar.get("id")).isNotEqualTo(dead);
  }

  @Test
  void open_cookieMovedToAnotherName_rejected() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    ServerSessions other =
        sessions(s -> s.cookie(dev.armet.cookie.SetCookie.named("other", c -> c.secure(true))));
    Browser moved = new Browser();
    moved.jar.put("other", b.jar.get("id"));
    moved.request(other, s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void idleTimeout_enforcedByServer_evenIfCookieReplayed() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    clock.advance(Duration.ofMinutes(30));
    b.request(sessions(), s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void touch_extendsIdleExpiry_atMostOncePerInterval() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    b.request(sessions(), s -> {});
    assertThat(store.touches.get()).as("fresh, not due").isZero();
    clock.advance(Duration.ofMinutes(20));
    b.request(sessions(), s -> {});
    b.request(sessions(), s -> {});
    assertThat(store.touches.get()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(20));
    b.request(sessions(), s -> assertThat(n(s)).isEqualTo(1));
  }

  @Test
  void absoluteTimeout_endsABusySession() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    for (int i = 0; i < 35; i++) {
      clock.advance(Duration.ofMinutes(20));
      b.request(sessions(), ServerSessionsTest::count);
    }
    assertThat(b.request(sessions(), s -> {}).orElse("")).isEmpty();
    clock.advance(Duration.ofMinutes(20)); // 12h after creation
    b.request(sessions(), s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void regenerate_keepsDataUnderNewId_oldIdDies() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    Browser before = b.copy();
    b.request(sessions(), Session::regenerate);
    assertThat(b.jar.get("id")).isNotEqualTo(before.jar.get("id"));
    b.request(sessions(), s -> assertThat(n(s)).isEqualTo(1));
    before.request(sessions(), s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void invalidate_removesEntryAndClearsCookie() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    Browser stolen = b.copy();
    String set = b.request(sessions(), Session::invalidate).orElseThrow();
    assertThat(set).startsWith("id=; Max-Age=0");
    assertThat(((MemorySessionStore) store.delegate).size()).isZero();
    stolen.request(sessions(), s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void invalidate_thenNewData_startsFreshSession() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    String old = b.jar.get("id");
    b.request(
        sessions(),
        s -> {
          s.invalidate();
          s.set("fresh", true);
        });
    assertThat(b.jar.get("id")).isNotEqualTo(old);
    b.request(sessions(), s -> assertThat(s.names()).containsExactly("fresh"));
  }

  @Test
  void concurrentRequests_differentAttributes_bothKept() {
    ServerSessions sessions = sessions();
    Browser b = new Browser();
    b.request(sessions, s -> s.set("a", 0));
    RequestCookies cookies = RequestCookies.parse(b.cookieHeader());
    Session first = sessions.open(cookies, false);
    Session second = sessions.open(cookies, false);
    first.set("x", 1);
    second.set("y", 2);
    second.remove("a");
    sessions.commit(first);
    sessions.commit(second);
    b.request(sessions, s -> assertThat(s.get("x")).contains(1));
    b.request(sessions, s -> assertThat(s.names()).containsExactlyInAnyOrder("x", "y"));
  }

  @Test
  void concurrentRequests_sameAttribute_lastCommitWins() {
    ServerSessions sessions = sessions();
    Browser b = new Browser();
    b.request(sessions, s -> s.set("v", 0));
    RequestCookies cookies = RequestCookies.parse(b.cookieHeader());
    Session first = sessions.open(cookies, false);
    Session second = sessions.open(cookies, false);
    second.set("v", 2);
    first.set("v", 1);
    sessions.commit(second);
    sessions.commit(first);
    b.request(sessions, s -> assertThat(s.get("v")).contains(1));
  }

  @Test
  void concurrentRequest_afterLogoutEverywhere_doesNotResurrect() {
    ServerSessions sessions = sessions();
    Browser b = new Browser();
    b.request(sessions, s -> s.userId("alice"));
    Session inFlight = sessions.open(RequestCookies.parse(b.cookieHeader()), false);
    sessions.destroyAllForUser("alice");
    inFlight.set("late", true);
    assertThat(sessions.commit(inFlight)).isEmpty();
    b.request(sessions, s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void concurrentRequest_duringLogin_doesNotClearTheNewCookie() {
    ServerSessions sessions = sessions();
    Browser b = new Browser();
    b.request(sessions, s -> s.set("cart", 1));
    RequestCookies oldCookies = RequestCookies.parse(b.cookieHeader());
    Session xhr = sessions.open(oldCookies, false);
    b.request(
        sessions,
        s -> {
          s.regenerate();
          s.set("user", "alice");
        });
    xhr.set("cart", 2);
    assertThat(sessions.commit(xhr)).as("no Set-Cookie that could wipe the new id").isEmpty();
    assertThat(sessions.commit(sessions.open(oldCookies, false))).isEmpty();
    b.request(sessions, s -> assertThat(s.get("user")).contains("alice"));
  }

  @Test
  void rolling_reissuesCookieOnEveryResponse() {
    ServerSessions rolling = sessions(s -> s.rolling(true));
    Browser b = new Browser();
    b.request(rolling, ServerSessionsTest::count);
    assertThat(b.request(rolling, s -> {})).isPresent();
  }

  @Test
  void saveUninitialized_storesEmptySessions() {
    assertThat(new Browser().request(sessions(s -> s.saveUninitialized(true)), Session::create))
        .isPresent();
  }

  @Test
  void set_nonJsonValue_failsAtSetWithClearError() {
    new Browser()
        .request(
            sessions(),
            s ->
                assertThatThrownBy(() -> s.set("user", new Object()))
                    .hasMessageContaining(
                        "session attribute 'user': java.lang.Object is not JSON-shaped"));
  }

  @Test
  void handle_isTheStoreKeyNotTheCookieId() {
    Browser b = new Browser();
    b.request(sessions(), ServerSessionsTest::count);
    b.request(
        sessions(),
        s -> {
          String handle = s.handle().orElseThrow();
          assertThat(b.jar.get("id")).doesNotContain(handle);
          assertThat(store.delegate.load(handle)).isPresent();
        });
  }

  @Test
  void build_invalidDurations_failPrecisely() {
    assertThatThrownBy(() -> sessions(s -> s.idleTimeout(Duration.ZERO)))
        .hasMessage("idleTimeout must be > 0, was PT0S");
    assertThatThrownBy(() -> sessions(s -> s.absoluteTimeout(Duration.ofMinutes(5))))
        .hasMessage("absoluteTimeout must be >= idleTimeout (PT30M), was PT5M");
    assertThatThrownBy(() -> sessions(s -> s.touchInterval(Duration.ofHours(1))))
        .hasMessageStartingWith("touchInterval must be >= 0 and < idleTimeout");
  }

  @Test
  void storeMap_isStableForAttributes() {
    Browser b = new Browser();
    b.request(sessions(), s -> s.set("m", Map.of("k", List.of(1, 2))));
    b.request(sessions(), s -> assertThat(s.get("m")).contains(Map.of("k", List.of(1, 2))));
  }
}
