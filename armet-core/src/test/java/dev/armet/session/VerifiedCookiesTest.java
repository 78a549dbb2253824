package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.testing.MutableClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The verified-cookie cache of {@link ServerSessions} (issue 18): one instance serves every request
 * here, as in a server, so the cache is in play. A cookie is verified once, but the store is asked
 * on every request, so a revoked session is refused whatever the cache holds.
 */
class VerifiedCookiesTest {
  final MutableClock clock = new MutableClock();
  final CountingStore store = new CountingStore(new MemorySessionStore(100, clock));
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  ServerSessions sessions(Consumer<ServerSessionsBuilder> extra) {
    return ServerSessions.create(
        s -> {
          s.environment(ArmetEnvironment.DEVELOPMENT)
              .store(store)
              .clock(clock)
              .events(events::add)
              .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A));
          extra.accept(s);
        });
  }

  @Test
  void cookie_verifiedOnce_butStoreAskedOnEveryRequest() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    int loads = store.loads.get();
    for (int i = 0; i < 5; i++) {
      b.request(sessions, s -> assertThat(s.exists()).isTrue());
    }
    assertThat(sessions.verifiedCookieCount()).isEqualTo(1);
    assertThat(store.loads.get() - loads).as("the store decides on every request").isEqualTo(5);
  }

  @Test
  void invalidate_oldCookieRefusedEvenThoughItWasCached() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, s -> s.userId("alice"));
    Browser stolen = b.copy();
    stolen.request(sessions, s -> assertThat(s.userId()).contains("alice")); // now cached
    assertThat(sessions.verifiedCookieCount()).isEqualTo(1);
    b.request(sessions, Session::invalidate);
    stolen.request(sessions, s -> assertThat(s.exists()).as("revoked by logout").isFalse());
    assertThat(sessions.verifiedCookieCount()).as("a dead cookie leaves the cache").isZero();
  }

  @Test
  void regenerate_oldCachedCookieRefused() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, s -> s.set("cart", 1));
    Browser before = b.copy();
    before.request(sessions, s -> assertThat(s.exists()).isTrue());
    b.request(
        sessions,
        s -> {
          s.regenerate();
          s.userId("bob");
        });
    before.request(sessions, s -> assertThat(s.exists()).as("pre-login id is dead").isFalse());
    b.request(sessions, s -> assertThat(s.userId()).contains("bob"));
  }

  @Test
  void logoutEverywhere_cachedCookieRefused() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, s -> s.userId("carol"));
    b.request(sessions, s -> assertThat(s.exists()).isTrue());
    sessions.destroyAllForUser("carol");
    b.request(sessions, s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void expiry_cachedCookieRefused() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    b.request(sessions, s -> assertThat(s.exists()).isTrue());
    clock.advance(java.time.Duration.ofDays(2));
    b.request(sessions, s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void tamperedCopyOfACachedCookie_isNotAHit() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    b.request(sessions, s -> {});
    String good = b.jar.get("id");
    Browser attacker = new Browser();
    char last = good.charAt(good.length() - 1);
    attacker.jar.put("id", good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A'));
    attacker.request(sessions, s -> assertThat(s.exists()).isFalse());
    assertThat(events).anyMatch(e -> e.toString().contains("invalid signature"));
  }

  @Test
  void cachedCookieUnderAnotherName_isNotAHit() {
    ServerSessions sessions = sessions(s -> {});
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    b.request(sessions, s -> {}); // cached as "id" (plain HTTP)
    Browser moved = new Browser();
    moved.jar.put("__Host-id", b.jar.get("id"));
    moved.request(sessions, true, s -> assertThat(s.exists()).isFalse());
  }

  @Test
  void rolling_doesNotCache() {
    ServerSessions sessions = sessions(s -> s.rolling(true));
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    b.request(sessions, s -> assertThat(ServerSessionsTest.n(s)).isEqualTo(1));
    assertThat(sessions.verifiedCookieCount()).isZero();
  }

  @Test
  void cache_isBounded() {
    VerifiedCookies cache = new VerifiedCookies(3);
    for (int i = 0; i < 10; i++) {
      cache.put(cache.digest("id", "cookie-" + i), "key-" + i);
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    assertThat(cache.get(cache.digest("id", "cookie-9"))).isEqualTo("key-9");
    assertThat(cache.get(cache.digest("id", "cookie-0"))).isNull();
  }

  @Test
  void digest_isKeyedPerInstance_andSeparatesNameFromValue() {
    VerifiedCookies one = new VerifiedCookies(10);
    VerifiedCookies two = new VerifiedCookies(10);
    assertThat(one.digest("id", "v")).isEqualTo(one.digest("id", "v"));
    assertThat(one.digest("id", "v")).isNotEqualTo(two.digest("id", "v"));
    assertThat(one.digest("a", "bc")).isNotEqualTo(one.digest("ab", "c"));
    assertThat(one.digest("a\u0000", "b")).isNotEqualTo(one.digest("a", "\u0000b"));
  }

  @Test
  void digest_tellsApartEveryChar_ofLongAndNonAsciiValues() {
    VerifiedCookies cache = new VerifiedCookies(10);
    String longValue = "x".repeat(5000);
    assertThat(cache.digest("id", longValue)).isEqualTo(cache.digest("id", longValue));
    assertThat(cache.digest("id", longValue + "a"))
        .isNotEqualTo(cache.digest("id", longValue + "b"));
    assertThat(cache.digest("id", "a" + longValue))
        .isNotEqualTo(cache.digest("id", "b" + longValue));
    // US-ASCII getBytes made both of these "?"
    assertThat(cache.digest("id", "v\u00e9")).isNotEqualTo(cache.digest("id", "v\u00e8"));
    assertThat(cache.digest("id", "v\u00e9")).isNotEqualTo(cache.digest("id", "v?"));
    assertThat(cache.digest("id", "\u00ff\u0041")).isNotEqualTo(cache.digest("id", "\u0041\u00ff"));
  }

  @Test
  void digest_ofAValueReadInPlace_equalsTheDigestOfItsCopy() {
    VerifiedCookies cache = new VerifiedCookies(10);
    RequestCookies sent = RequestCookies.parse("x=1; id=v\u00e9lo-42; y=2");
    CharSequence inPlace = sent.value("id", 0);
    assertThat(cache.digest("id", inPlace)).isEqualTo(cache.digest("id", "v\u00e9lo-42"));
    assertThat(cache.digest("id", inPlace)).isNotEqualTo(cache.digest("id", "v\u00e9lo-43"));
  }

  @Test
  void find_answersTheRememberedCheck_forThatExactCookieOnly() {
    VerifiedCookies cache = new VerifiedCookies(10);
    cache.put("id", "cookie-a", "key-a");
    cache.put("id", "cookie-b", "key-b");
    CheckedCookie a = cache.find("id", "cookie-a");
    assertThat(a).isNotNull();
    assertThat(a.key).isEqualTo("key-a");
    assertThat(a.primaryKey).isTrue();
    assertThat(a.id).isNull();
    // A hit hands back the one remembered instance: nothing is made per request.
    assertThat(cache.find("id", "cookie-a")).isSameAs(a);
    // The per-thread probe, rewritten by every lookup, is never what the map holds.
    assertThat(cache.find("id", "cookie-c")).isNull();
    assertThat(cache.find("other", "cookie-a")).isNull();
    assertThat(cache.find("id", "cookie-b").key).isEqualTo("key-b");
    assertThat(cache.find("id", "cookie-a")).isSameAs(a);
  }

  @Test
  void remove_forgetsThatCookieOnly() {
    VerifiedCookies cache = new VerifiedCookies(10);
    cache.put("id", "cookie-a", "key-a");
    cache.put("id", "cookie-b", "key-b");
    cache.remove("id", "cookie-a");
    assertThat(cache.find("id", "cookie-a")).isNull();
    assertThat(cache.find("id", "cookie-b").key).isEqualTo("key-b");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void find_onOtherThreads_seesTheSameEntries() throws Exception {
    VerifiedCookies cache = new VerifiedCookies(10);
    cache.put("id", "cookie-a", "key-a");
    CheckedCookie[] seen = new CheckedCookie[2];
    Thread t =
        new Thread(
            () -> {
              seen[0] = cache.find("id", "cookie-a");
              seen[1] = cache.find("id", "cookie-z");
            });
    t.start();
    t.join();
    assertThat(seen[0]).isSameAs(cache.find("id", "cookie-a"));
    assertThat(seen[1]).isNull();
  }

  /** A value read in place from the header hashes as the same value copied out. */
  @Test
  void find_inPlace_matchesTheCopiedValue() {
    VerifiedCookies cache = new VerifiedCookies(VerifiedCookies.DEFAULT_MAX_ENTRIES);
    String header = "a=1; id=v.sig; b=\"q\"";
    cache.put("id", "v.sig", "key-1");
    int from = header.indexOf("v.sig");
    assertThat(cache.find("id", header, from, from + 5)).isNotNull();
    assertThat(cache.find("id", header, from, from + 4)).isNull();
    assertThat(cache.find("i", header, from, from + 5)).isNull();
    assertThat(cache.find("id", "v.sig")).isNotNull();
  }
}
