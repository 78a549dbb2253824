package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.cookie.SameSite;
import dev.armet.cookie.SetCookie;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.keys.Keyring;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionProductionChecksTest {
  /** A stand-in for a shared store (Redis, JDBC): anything that is not the memory store. */
  static final SessionStore SHARED =
      new SessionStore() {
        final MemorySessionStore inner = new MemorySessionStore(10, new MutableClock());

        @Override
        public Optional<SessionRecord> load(String key) {
          return inner.load(key);
        }

        @Override
        public boolean save(SessionRecord record, long expectedVersion) {
          return inner.save(record, expectedVersion);
        }

        @Override
        public void touch(String key, Instant expiresAt) {
          inner.touch(key, expiresAt);
        }

        @Override
        public void delete(String key) {
          inner.delete(key);
        }

        @Override
        public void deleteAllForUser(String userId) {
          inner.deleteAllForUser(userId);
        }
      };

  static ServerSessions production(Consumer<ServerSessionsBuilder> config) {
    return ServerSessions.create(
        s -> {
          s.environment(ArmetEnvironment.PRODUCTION)
              .store(SHARED)
              .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A));
          config.accept(s);
        });
  }

  @Test
  void production_safeConfiguration_starts() {
    assertThatCode(() -> production(s -> {})).doesNotThrowAnyException();
    assertThat(production(s -> {}).cookie(false).name()).isEqualTo("__Host-id");
  }

  static Stream<Arguments> unsafe() {
    return Stream.of(
        Arguments.of(
            (Consumer<ServerSessionsBuilder>) s -> s.store(new MemorySessionStore()),
            "sessions.store: MemorySessionStore loses sessions on restart and is not shared"
                + " between instances; use RedisSessionStore (armet-redis) or JdbcSessionStore"
                + " (armet-jdbc) (ARMET_ENV=production)"),
        Arguments.of(
            (Consumer<ServerSessionsBuilder>)
                s -> s.keyring(Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT))),
            "sessions.keyring: a secret is missing, generated or weak"),
        Arguments.of(
            (Consumer<ServerSessionsBuilder>) s -> s.cookie(SetCookie.named("sid", c -> {})),
            "sessions.cookie: 'sid' is not Secure, so it can leak over plain HTTP; call secure(true)"),
        Arguments.of(
            (Consumer<ServerSessionsBuilder>)
                s -> s.cookie(SetCookie.named("sid", c -> c.secure(true).httpOnly(false))),
            "'sid' is not HttpOnly"),
        Arguments.of(
            (Consumer<ServerSessionsBuilder>)
                s -> s.cookie(SetCookie.named("sid", c -> c.secure(true).sameSite(SameSite.NONE))),
            "'sid' has SameSite=None"),
        Arguments.of(
            (Consumer<ServerSessionsBuilder>)
                s -> s.cookie(SetCookie.named("JSESSIONID", c -> c.secure(true))),
            "sessions.cookie: name 'JSESSIONID' is a platform default"));
  }

  @ParameterizedTest
  @MethodSource("unsafe")
  void production_unsafeSetting_failsAtStartupNamingSettingAndFix(
      Consumer<ServerSessionsBuilder> config, String message) {
    assertThatThrownBy(() -> production(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(message);
  }

  @Test
  void production_sameSiteNoneDeclaredCrossSite_starts() {
    assertThatCode(
            () ->
                production(
                    s ->
                        s.crossSiteCookie(true)
                            .cookie(
                                SetCookie.named(
                                    "__Host-id", c -> c.secure(true).sameSite(SameSite.NONE)))))
        .doesNotThrowAnyException();
  }

  @Test
  void development_unsafeSettings_onlyWarn() {
    assertThatCode(
            () ->
                ServerSessions.create(
                    s ->
                        s.environment(ArmetEnvironment.DEVELOPMENT)
                            .cookie(SetCookie.named("JSESSIONID", c -> c.httpOnly(false)))))
        .doesNotThrowAnyException();
  }

  @Test
  void production_cookieSessions_checkedToo() {
    assertThatThrownBy(
            () ->
                CookieSessions.create(
                    c ->
                        c.environment(ArmetEnvironment.PRODUCTION)
                            .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A))
                            .cookie(SetCookie.named("session", k -> {}))))
        .hasMessageContaining("cookieSessions.cookie: 'session' is not Secure");
    assertThatThrownBy(
            () ->
                CookieSessions.create(
                    c ->
                        c.environment(ArmetEnvironment.PRODUCTION)
                            .keyring(
                                Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT)))))
        .hasMessageContaining("cookieSessions.keyring");
  }

  @Test
  void production_noStoreConfigured_isRefusedNotAMemoryFallback() {
    assertThatThrownBy(
            () ->
                ServerSessions.create(
                    s ->
                        s.environment(ArmetEnvironment.PRODUCTION)
                            .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "sessions.store: no store configured, so MemorySessionStore loses sessions on"
                + " restart and is not shared between instances; use RedisSessionStore (armet-redis) or"
                + " JdbcSessionStore (armet-jdbc) (ARMET_ENV=production)");
  }

  @Test
  void recordingGate_listsEveryRefusal_forTheSelfCheck() {
    ProductionGate gate = ProductionGate.recording(ArmetEnvironment.PRODUCTION, java.util.Map.of());
    ServerSessions.create(
        s ->
            s.gate(gate)
                .store(new MemorySessionStore())
                .cookie(SetCookie.named("JSESSIONID", c -> c.httpOnly(false))));
    assertThat(gate.check(ArmetEnvironment.PRODUCTION))
        .extracting(f -> f.topic() + " " + f.message())
        .anyMatch(m -> m.startsWith("secrets sessions.keyring: "))
        .contains(
            "stores sessions.store: MemorySessionStore loses sessions on restart and is not"
                + " shared between instances")
        .anyMatch(m -> m.startsWith("cookies sessions.cookie: name 'JSESSIONID' is a platform"))
        .anyMatch(m -> m.startsWith("cookies sessions.cookie: 'JSESSIONID' is not Secure"))
        .anyMatch(m -> m.startsWith("cookies sessions.cookie: 'JSESSIONID' is not HttpOnly"));
  }
}
