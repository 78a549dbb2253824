package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.testing.MutableClock;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10, item 2: a change after commit is refused, in both kinds of sessions. */
class SessionAfterCommitTest {
  private static final List<Consumer<Session>> CHANGES =
      List.of(
          s -> s.set("late", 1),
          s -> s.remove("n"),
          s -> s.userId("mallory"),
          Session::regenerate,
          Session::invalidate);

  private static Sessions sessions(boolean server) {
    MutableClock clock = new MutableClock();
    return server
        ? ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .clock(clock)
                    .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A))
                    .events(e -> {})
                    .store(new MemorySessionStore(10, clock)))
        : CookieSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .clock(clock)
                    .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A))
                    .events(e -> {}));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void change_afterCommit_refusedWithTheReason(boolean server) {
    Sessions sessions = sessions(server);
    Session s = sessions.open(RequestCookies.parse(""), true);
    s.set("n", 1);
    assertThat(s.isCommitted()).isFalse();
    sessions.commit(s);
    assertThat(s.isCommitted()).isTrue();
    for (Consumer<Session> change : CHANGES) {
      assertThatThrownBy(() -> change.accept(s))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the session was already committed with the response");
    }
    assertThat(s.get("n")).contains(1);
    assertThat(s.create()).as("an existing session: create() changes nothing").isSameAs(s);
  }
}
