package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session lifecycle as OWASP vocabulary events: created, renewed, expired, revoked. */
class SessionEventsTest {
  final MutableClock clock = new MutableClock();
  final MemorySessionStore store = new MemorySessionStore(100, clock);
  final List<SecurityEvent> events = new ArrayList<>();
  final ServerSessions sessions =
      ServerSessions.create(
          s ->
              s.environment(ArmetEnvironment.DEVELOPMENT)
                  .store(store)
                  .clock(clock)
                  .events(events::add)
                  .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A)));

  @Test
  void firstWrite_isSessionCreated_regenerate_isSessionRenewed() {
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    b.request(sessions, Session::regenerate);
    assertThat(types()).containsExactly("session_created", "session_renewed");
    assertThat(events.get(0).fields()).containsEntry("cookie", "id");
    assertThat(events.get(0).toString()).as("never the id").doesNotContain(b.jar.get("id"));
  }

  @Test
  void regenerateWithoutSession_isSessionCreated() {
    new Browser()
        .request(
            sessions,
            s -> {
              s.regenerate();
              ServerSessionsTest.count(s);
            });
    assertThat(types()).containsExactly("session_created");
  }

  @Test
  void invalidate_isSessionRevoked_andTheOldCookieThenUseAfterExpire() {
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    Browser stolen = b.copy();
    b.request(sessions, Session::invalidate);
    stolen.request(sessions, s -> assertThat(s.exists()).isFalse());
    assertThat(types())
        .containsExactly("session_created", "session_revoked", "session_use_after_expire");
  }

  @Test
  void pastTheAbsoluteTimeout_isSessionExpired() {
    // A store that has not dropped the record yet (its own clock lags): Armet notices and deletes.
    MemorySessionStore lagging = new MemorySessionStore(100, new MutableClock());
    ServerSessions s =
        ServerSessions.create(
            c ->
                c.environment(ArmetEnvironment.DEVELOPMENT)
                    .store(lagging)
                    .clock(clock)
                    .events(events::add)
                    .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A)));
    Browser b = new Browser();
    b.request(s, ServerSessionsTest::count);
    for (int i = 0; i < 36; i++) {
      clock.advance(Duration.ofMinutes(20));
      b.request(s, x -> {});
    }
    assertThat(events)
        .filteredOn(e -> e.type().equals("session_expired"))
        .singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("reason", "absolute_timeout"));
  }

  @Test
  void idleReplay_isRecorded() {
    Browser b = new Browser();
    b.request(sessions, ServerSessionsTest::count);
    clock.advance(Duration.ofMinutes(31));
    b.request(sessions, s -> assertThat(s.exists()).isFalse());
    assertThat(types()).hasSize(2).first().isEqualTo("session_created");
    assertThat(types().get(1)).isIn("session_expired", "session_use_after_expire");
  }

  @Test
  void destroyAllForUser_isSessionRevokedAll() {
    sessions.destroyAllForUser("alice");
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("session_revoked_all");
              assertThat(e.fields()).containsEntry("user", "alice");
            });
  }

  @Test
  void cookieSessions_createdRenewedRevoked() {
    CookieSessions cookies =
        CookieSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .clock(clock)
                    .events(events::add)
                    .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A)));
    Browser b = new Browser();
    b.request(cookies, ServerSessionsTest::count);
    b.request(cookies, Session::regenerate);
    b.request(cookies, Session::invalidate);
    assertThat(types()).containsExactly("session_created", "session_renewed", "session_revoked");
  }

  private List<String> types() {
    return events.stream().map(SecurityEvent::type).toList();
  }
}
