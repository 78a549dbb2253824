package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must have. A store module extends this class (from
 * armet-core's test-jar) and says how to make an empty store on a given clock:
 *
 * <pre>{@code
 * class RedisSessionStoreTest extends SessionStoreContract {
 *   protected SessionStore newStore(MutableClock clock) { return new RedisSessionStore(redis, clock); }
 * }
 * }</pre>
 */
public abstract class SessionStoreContract {
  protected MutableClock clock;
  protected SessionStore store;

  /** An empty store whose notion of "now" is {@code clock}. */
  protected abstract SessionStore newStore(MutableClock clock);

  @BeforeEach
  void setUpStore() {
    clock = new MutableClock();
    store = newStore(clock);
  }

  protected SessionRecord record(String key, String user, Duration ttl, Map<String, ?> data) {
    Instant now = clock.instant();
    return new SessionRecord(key, user, now, now.plus(ttl), data);
  }

  /** Creates {@code r} (expected version {@link SessionStore#ABSENT}) and checks it landed. */
  protected void create(SessionRecord r) {
    assertThat(store.save(r, SessionStore.ABSENT)).as("create " + r.key()).isTrue();
  }

  @Test
  void load_unknownKey_isEmpty() {
    assertThat(store.load("missing")).isEmpty();
  }

  @Test
  void save_thenLoad_returnsDataAndExpiry() {
    SessionRecord r =
        record(
            "k1",
            "alice",
            Duration.ofMinutes(30),
            Map.of("n", 1, "l", List.of("a", Map.of("b", true)), "big", Long.MAX_VALUE, "d", 1.5));
    create(r);
    SessionRecord back = store.load("k1").orElseThrow();
    assertThat(back.version()).isEqualTo(SessionRecord.FIRST_VERSION);
    assertThat(back.attributes()).isEqualTo(r.attributes());
    assertThat(back.userId()).contains("alice");
    assertThat(back.createdAt()).isEqualTo(r.createdAt());
    assertThat(back.expiresAt()).isEqualTo(r.expiresAt());
  }

  @Test
  void save_withTheVersionRead_replacesAndStoresTheNewVersion() {
    create(record("k1", "alice", Duration.ofMinutes(30), Map.of("v", 1)));
    SessionRecord read = store.load("k1").orElseThrow();
    SessionRecord next =
        record("k1", "bob", Duration.ofMinutes(30), Map.of("v", 2)).withVersion(read.version() + 1);
    assertThat(store.save(next, read.version())).isTrue();
    SessionRecord back = store.load("k1").orElseThrow();
    assertThat(back.version()).isEqualTo(read.version() + 1);
    assertThat(back.attributes()).isEqualTo(Map.of("v", 2));
    assertThat(back.userId()).contains("bob");
  }

  @Test
  void save_withAStaleVersion_writesNothing() {
    create(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    SessionRecord winner =
        record("k1", null, Duration.ofMinutes(30), Map.of("v", 2)).withVersion(2);
    assertThat(store.save(winner, 1)).isTrue();
    SessionRecord loser = record("k1", null, Duration.ofMinutes(30), Map.of("v", 3)).withVersion(2);
    assertThat(store.save(loser, 1)).as("written on version 1, which is gone").isFalse();
    assertThat(store.load("k1").orElseThrow().attributes()).isEqualTo(Map.of("v", 2));
  }

  @Test
  void save_absentExpected_createsOnlyWhenNoLiveRecord() {
    create(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    assertThat(
            store.save(
                record("k1", null, Duration.ofMinutes(30), Map.of("v", 2)), SessionStore.ABSENT))
        .isFalse();
    assertThat(store.load("k1").orElseThrow().attributes()).isEqualTo(Map.of("v", 1));
  }

  @Test
  void save_ofAVersionOnAnAbsentKey_createsNothing() {
    assertThat(
            store.save(record("ghost", null, Duration.ofMinutes(30), Map.of()).withVersion(2), 1))
        .isFalse();
    assertThat(store.load("ghost")).isEmpty();
  }

  @Test
  void save_afterDelete_withTheVersionReadBefore_neverResurrects() {
    create(record("k1", "alice", Duration.ofMinutes(30), Map.of("v", 1)));
    SessionRecord read = store.load("k1").orElseThrow();
    store.delete("k1");
    assertThat(store.save(read.withVersion(read.version() + 1), read.version())).isFalse();
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void save_afterDeleteAllForUser_withTheVersionReadBefore_neverResurrects() {
    create(record("k1", "alice", Duration.ofMinutes(30), Map.of("v", 1)));
    SessionRecord read = store.load("k1").orElseThrow();
    store.deleteAllForUser("alice");
    assertThat(store.save(read.withVersion(read.version() + 1), read.version())).isFalse();
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void save_afterExpiry_withTheVersionReadBefore_neverResurrects() {
    create(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    SessionRecord read = store.load("k1").orElseThrow();
    clock.advance(Duration.ofMinutes(31));
    SessionRecord next =
        new SessionRecord(
            "k1",
            null,
            read.createdAt(),
            clock.instant().plus(Duration.ofMinutes(30)),
            read.version() + 1,
            Map.of("v", 2));
    assertThat(store.save(next, read.version())).isFalse();
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void touch_keepsTheVersion() {
    create(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    store.touch("k1", clock.instant().plus(Duration.ofMinutes(45)));
    SessionRecord back = store.load("k1").orElseThrow();
    assertThat(back.version()).isEqualTo(SessionRecord.FIRST_VERSION);
    assertThat(store.save(back.withVersion(2), SessionRecord.FIRST_VERSION)).isTrue();
  }

  /** Read-modify-write with retries from 4 threads: the compare-and-set loses no increment. */
  @Test
  void concurrentConditionalSaves_ofOneKey_loseNoUpdate() throws Exception {
    create(record("counter", null, Duration.ofMinutes(30), Map.of("n", 0)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    boolean written;
                    do {
                      SessionRecord read = store.load("counter").orElseThrow();
                      int n = ((Number) read.attributes().get("n")).intValue();
                      SessionRecord next =
                          new SessionRecord(
                              "counter",
                              null,
                              read.createdAt(),
                              read.expiresAt(),
                              read.version() + 1,
                              Map.of("n", n + 1));
                      written = store.save(next, read.version());
                    } while (!written);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    SessionRecord back = store.load("counter").orElseThrow();
    assertThat(back.attributes()).containsEntry("n", 100);
    assertThat(back.version()).isEqualTo(SessionRecord.FIRST_VERSION + 100);
  }

  @Test
  void load_afterExpiry_isEmpty() {
    create(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    clock.advance(Duration.ofMinutes(29));
    assertThat(store.load("k1")).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void touch_movesOnlyTheExpiry() {
    SessionRecord r = record("k1", null, Duration.ofMinutes(30), Map.of("v", 1));
    create(r);
    clock.advance(Duration.ofMinutes(20));
    Instant later = clock.instant().plus(Duration.ofMinutes(30));
    store.touch("k1", later);
    clock.advance(Duration.ofMinutes(20));
    SessionRecord back = store.load("k1").orElseThrow();
    assertThat(back.expiresAt()).isEqualTo(later);
    assertThat(back.attributes()).isEqualTo(Map.of("v", 1));
  }

  @Test
  void touch_unknownKey_createsNothing() {
    store.touch("ghost", clock.instant().plus(Duration.ofHours(1)));
    assertThat(store.load("ghost")).isEmpty();
  }

  @Test
  void delete_removes_andIsIdempotent() {
    create(record("k1", null, Duration.ofMinutes(30), Map.of()));
    store.delete("k1");
    store.delete("k1");
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void deleteAllForUser_removesOnlyThatUsersSessions() {
    create(record("a1", "alice", Duration.ofMinutes(30), Map.of()));
    create(record("a2", "alice", Duration.ofMinutes(30), Map.of()));
    create(record("b1", "bob", Duration.ofMinutes(30), Map.of()));
    create(record("x1", null, Duration.ofMinutes(30), Map.of()));
    store.deleteAllForUser("alice");
    assertThat(store.load("a1")).isEmpty();
    assertThat(store.load("a2")).isEmpty();
    assertThat(store.load("b1")).isPresent();
    assertThat(store.load("x1")).isPresent();
  }

  @Test
  void listForUser_returnsOnlyThatUsersLiveSessions() {
    create(record("a1", "alice", Duration.ofMinutes(30), Map.of("n", 1)));
    create(record("a2", "alice", Duration.ofMinutes(5), Map.of()));
    create(record("b1", "bob", Duration.ofMinutes(30), Map.of()));
    create(record("anon", null, Duration.ofMinutes(30), Map.of()));
    assertThat(store.listForUser("alice"))
        .extracting(SessionRecord::key)
        .containsExactlyInAnyOrder("a1", "a2");
    SessionRecord a1 =
        store.listForUser("alice").stream()
            .filter(r -> r.key().equals("a1"))
            .findFirst()
            .orElseThrow();
    assertThat(a1.attributes()).isEqualTo(Map.of("n", 1));
    assertThat(a1.createdAt()).isEqualTo(store.load("a1").orElseThrow().createdAt());
    assertThat(store.listForUser("nobody")).isEmpty();

    store.delete("a1");
    assertThat(store.listForUser("alice")).extracting(SessionRecord::key).containsExactly("a2");
    clock.advance(Duration.ofMinutes(6));
    assertThat(store.listForUser("alice")).as("expired sessions are not listed").isEmpty();
    assertThat(store.listForUser("bob")).extracting(SessionRecord::key).containsExactly("b1");
  }

  @Test
  void concurrentSavesOfDifferentKeys_allLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    create(
                        record(
                            "t" + thread + "-" + i, null, Duration.ofMinutes(5), Map.of("i", i)));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 50; i++) {
        assertThat(store.load("t" + t + "-" + i).orElseThrow().attributes()).containsEntry("i", i);
      }
    }
  }

  // ---- The race of issue 10: a write of a session that a concurrent request just ended ----

  /** Sessions over this store, with a hook that plays another request just before a write. */
  private ServerSessions racingSessions(InterleavingStore interleaving) {
    return ServerSessions.create(
        s ->
            s.environment(ArmetEnvironment.DEVELOPMENT)
                .keyring(Keyring.create(k -> k.secret(Secrets.generate())))
                .store(interleaving)
                .clock(clock)
                .events(e -> {}));
  }

  /** A browser signed in as alice, with one attribute. */
  private static Browser signedIn(ServerSessions sessions) {
    Browser b = new Browser();
    b.request(
        sessions,
        s -> {
          s.userId("alice");
          s.set("notes", 0);
        });
    return b;
  }

  private static boolean signedInAs(Browser b, ServerSessions sessions, String user) {
    boolean[] found = new boolean[1];
    b.copy().request(sessions, s -> found[0] = s.userId().filter(user::equals).isPresent());
    return found[0];
  }

  @Test
  void commit_logoutLandsJustBeforeAConcurrentWrite_sessionStaysEnded() {
    InterleavingStore interleaving = new InterleavingStore(store);
    ServerSessions sessions = racingSessions(interleaving);
    Browser browser = signedIn(sessions);
    Browser stale = browser.copy();
    // Request 1 (POST /notes) changes the session; request 2 (POST /logout) ends it and commits
    // just before request 1's write reaches the store.
    interleaving.beforeNextWrite(() -> browser.request(sessions, Session::invalidate));
    stale.request(sessions, s -> s.set("notes", 1));
    assertThat(signedInAs(stale, sessions, "alice")).as("old cookie after logout").isFalse();
  }

  @Test
  void commit_regenerateLandsJustBeforeAConcurrentWrite_oldIdStaysDead() {
    InterleavingStore interleaving = new InterleavingStore(store);
    ServerSessions sessions = racingSessions(interleaving);
    Browser browser = signedIn(sessions);
    Browser stale = browser.copy();
    interleaving.beforeNextWrite(() -> browser.request(sessions, Session::regenerate));
    stale.request(sessions, s -> s.set("notes", 1));
    assertThat(signedInAs(stale, sessions, "alice")).as("old id after regenerate").isFalse();
    assertThat(signedInAs(browser, sessions, "alice")).as("new id").isTrue();
  }

  @Test
  void commit_regenerateOfASessionLoggedOutMeanwhile_carriesNoSignInToANewId() {
    ServerSessions sessions = racingSessions(new InterleavingStore(store));
    Browser browser = signedIn(sessions);
    Browser stale = browser.copy();
    // Request 1 (a role change) opened the session; request 2 logs out before request 1 commits.
    stale.request(
        sessions,
        s -> {
          browser.request(sessions, Session::invalidate);
          s.regenerate();
        });
    assertThat(signedInAs(stale, sessions, "alice"))
        .as("cookie of the regenerating response")
        .isFalse();
  }

  @Test
  void commit_logOutEverywhereLandsJustBeforeAConcurrentWrite_sessionStaysEnded() {
    InterleavingStore interleaving = new InterleavingStore(store);
    ServerSessions sessions = racingSessions(interleaving);
    Browser browser = signedIn(sessions);
    interleaving.beforeNextWrite(() -> sessions.destroyAllForUser("alice"));
    browser.request(sessions, s -> s.set("notes", 1));
    assertThat(signedInAs(browser, sessions, "alice")).as("after log out everywhere").isFalse();
  }

  @Test
  void commit_otherAttributeWrittenJustBefore_bothChangesKept() {
    InterleavingStore interleaving = new InterleavingStore(store);
    ServerSessions sessions = racingSessions(interleaving);
    Browser browser = signedIn(sessions);
    Browser other = browser.copy();
    interleaving.beforeNextWrite(() -> other.request(sessions, s -> s.set("theme", "dark")));
    browser.request(sessions, s -> s.set("notes", 1));
    Map<String, Object> seen = new java.util.HashMap<>();
    browser.copy().request(sessions, s -> s.names().forEach(n -> seen.put(n, s.get(n).get())));
    assertThat(seen).containsEntry("notes", 1).containsEntry("theme", "dark");
    assertThat(signedInAs(browser, sessions, "alice")).isTrue();
  }
}
