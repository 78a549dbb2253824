package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.session.SessionAttributes;
import org.junit.jupiter.api.Test;

/** The servlet adapter's read of one attribute answers as {@link Session#get} does. */
class SessionAttributesTest {
  final Session session =
      ServerSessions.create(
              s ->
                  s.environment(ArmetEnvironment.DEVELOPMENT)
                      .store(new MemorySessionStore())
                      .events(e -> {}))
          .open(RequestCookies.empty(), false);

  @Test
  void get_isSessionGetOrNull() {
    assertThat(SessionAttributes.get(session, "user")).isNull();
    session.set("user", "alice");
    assertThat(SessionAttributes.get(session, "user")).isEqualTo("alice");
    session.remove("user");
    assertThat(SessionAttributes.get(session, "user")).isNull();
    assertThat(session.get("user")).isEmpty();
  }

  @Test
  void register_onlyOnce() {
    assertThatThrownBy(() -> SessionAttributes.register((s, n) -> "forged"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(SessionAttributes.get(session, "x")).isNull();
  }
}
