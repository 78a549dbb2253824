package dev.armet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.SessionStoreContract;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ObservedStoresTest {
  /** What the observer was told, as "store op outcome", in order. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final StoreObserver observer =
      (store, op, outcome, nanos) -> {
        assertThat(nanos).isNotNegative();
        seen.add(store + " " + op + " " + outcome);
      };

  @Test
  void sessionStore_reportsEachOperationWithItsOutcome() {
    SessionStore store = ObservedStores.sessions(new MemorySessionStore(), observer);
    Instant now = Instant.now();
    SessionRecord r = new SessionRecord("k", "alice", now, now.plusSeconds(60), Map.of("n", 1));
    assertThat(store.load("k")).isEmpty();
    assertThat(store.save(r, SessionStore.ABSENT)).isTrue();
    assertThat(store.save(r, SessionStore.ABSENT)).isFalse();
    assertThat(store.load("k")).isPresent();
    store.touch("k", now.plusSeconds(120));
    assertThat(store.listForUser("alice")).hasSize(1);
    store.delete("k");
    store.deleteAllForUser("alice");
    assertThat(seen)
        .containsExactly(
            "sessions load miss",
            "sessions save ok",
            "sessions save conflict",
            "sessions load hit",
            "sessions touch ok",
            "sessions list_for_user ok",
            "sessions delete ok",
            "sessions delete_all_for_user ok");
  }

  @Test
  void sessionStoreFailure_reportedAsError_andTheSameExceptionReachesTheCaller() {
    IllegalStateException down = new IllegalStateException("connection refused");
    SessionStore failing = new Unreachable(down);
    SessionStore store = ObservedStores.sessions(failing, observer);
    assertThatThrownBy(() -> store.load("k")).isSameAs(down);
    assertThat(seen).containsExactly("sessions load error");
  }

  @Test
  void rateLimitStore_reportsTheCommandsOperation_andWhetherItWasAllowed() {
    RateLimitStore store = ObservedStores.rateLimits(InMemoryRateLimitStore.create(), observer);
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("p", 1, Duration.ofHours(1)))
            .store(store)
            .build();
    limiter.consume("a");
    limiter.consume("a");
    limiter.reward("a", 1);
    limiter.get("a");
    limiter.delete("a");
    assertThat(seen)
        .containsExactly(
            "rate_limits consume allowed",
            "rate_limits consume refused",
            "rate_limits reward ok",
            "rate_limits get ok",
            "rate_limits delete ok");
  }

  @Test
  void rateLimitStoreFailure_reportedAsError_andTheLimiterStillFailsClosed() {
    RateLimitStore down =
        c -> {
          throw new RateLimitStoreException("timed out");
        };
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.fixedWindow("p", 5, Duration.ofHours(1)))
            .store(ObservedStores.rateLimits(down, observer))
            .events(e -> {})
            .build();
    assertThat(limiter.consume("a").isAllowed()).isFalse();
    assertThat(seen).containsExactly("rate_limits consume error");
  }

  @Test
  void observedTwice_isObservedOnce_soNothingIsCountedTwice() {
    SessionStore once = ObservedStores.sessions(new MemorySessionStore(), observer);
    StoreObserver other = (store, op, outcome, nanos) -> seen.add("other");
    assertThat(ObservedStores.sessions(once, other)).isSameAs(once);
    RateLimitStore limits = ObservedStores.rateLimits(InMemoryRateLimitStore.create(), observer);
    assertThat(ObservedStores.rateLimits(limits, other)).isSameAs(limits);
    once.load("k");
    assertThat(seen).containsExactly("sessions load miss");
  }

  @Test
  void failingObserver_neverFailsTheOperation() {
    StoreObserver broken =
        (store, op, outcome, nanos) -> {
          throw new IllegalStateException("registry closed");
        };
    SessionStore store = ObservedStores.sessions(new MemorySessionStore(), broken);
    Instant now = Instant.now();
    assertThat(
            store.save(
                new SessionRecord("k", null, now, now.plusSeconds(60), Map.of()),
                SessionStore.ABSENT))
        .isTrue();
    assertThat(store.load("k")).isPresent();
  }

  /** A decorated in-memory store is still in-memory: production refuses it as before. */
  @Test
  void production_seesThroughTheDecoration_andRefusesObservedMemoryStores() {
    ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION, Map.of());
    SessionStore sessions = ObservedStores.sessions(new MemorySessionStore(), observer);
    RateLimitStore limits = ObservedStores.rateLimits(InMemoryRateLimitStore.create(), observer);
    assertThatThrownBy(() -> gate.sessionStore("sessions.store", sessions))
        .hasMessageContaining("MemorySessionStore");
    assertThatThrownBy(() -> gate.rateLimitStore("rateLimits.store", limits))
        .hasMessageContaining("in-memory store");
    assertThat(ObservedStores.unwrap(sessions)).isInstanceOf(MemorySessionStore.class);
    assertThat(ObservedStores.unwrap(limits)).isInstanceOf(InMemoryRateLimitStore.class);
  }

  /** The decoration keeps the session store contract. */
  @Nested
  class SessionContract extends SessionStoreContract {
    @Override
    protected SessionStore newStore(MutableClock clock) {
      return ObservedStores.sessions(new MemorySessionStore(1000, clock), observer);
    }
  }

  /** A store whose service is down: every operation throws {@code failure}. */
  private static final class Unreachable implements SessionStore {
    private final RuntimeException failure;

    Unreachable(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Optional<SessionRecord> load(String key) {
      throw failure;
    }

    @Override
    public boolean save(SessionRecord record, long expectedVersion) {
      throw failure;
    }

    @Override
    public void touch(String key, Instant expiresAt) {
      throw failure;
    }

    @Override
    public void delete(String key) {
      throw failure;
    }

    @Override
    public void deleteAllForUser(String userId) {
      throw failure;
    }
  }
}
