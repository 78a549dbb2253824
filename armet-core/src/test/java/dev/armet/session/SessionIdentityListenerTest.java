package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionIdentityListenerTest {
  final Session session =
      ServerSessions.create(
              s ->
                  s.environment(ArmetEnvironment.DEVELOPMENT)
                      .store(new MemorySessionStore())
                      .events(e -> {}))
          .open(RequestCookies.empty(), false);

  @Test
  void onIdentityChange_runsOnRegenerateAndInvalidate_notOnDataChanges() {
    List<String> seen = new ArrayList<>();
    session.onIdentityChange(() -> seen.add(session.exists() ? "exists" : "gone"));
    session.set("a", 1);
    assertThat(seen).isEmpty();
    session.regenerate();
    session.invalidate();
    assertThat(seen).containsExactly("exists", "gone");
  }

  @Test
  void onIdentityChange_listenerMayChangeTheSession() {
    session.onIdentityChange(
        () -> {
          if (session.exists()) {
            session.set("rotated", true);
          }
        });
    session.regenerate();
    assertThat(session.get("rotated")).contains(true);
  }

  @Test
  void onIdentityChange_runsEveryListener_inOrder_butNotOneAddedDuringTheChange() {
    List<String> seen = new ArrayList<>();
    session.onIdentityChange(
        () -> {
          seen.add("first");
          session.onIdentityChange(() -> seen.add("late"));
        });
    session.onIdentityChange(() -> seen.add("second"));
    session.onIdentityChange(() -> seen.add("third"));
    session.regenerate();
    assertThat(seen).containsExactly("first", "second", "third");
    seen.clear();
    session.invalidate();
    assertThat(seen).containsExactly("first", "second", "third", "late");
  }
}
