package dev.armet.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The brute-force scenario of issue 5, step by step on a test clock. */
class LoginThrottleTest {
  static final String IP = "198.51.100.7";
  final MutableClock clock = new MutableClock();
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final LoginThrottle throttle = LoginThrottle.builder().clock(clock).events(events::add).build();

  void fail(String user, String ip, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(throttle.check(user, ip).allowed()).as("attempt %d", i + 1).isTrue();
      throttle.failed(user, ip);
    }
  }

  @Test
  void tenFailures_lockPairForOneMinute_thenFiveMinutes_thenOneHour() {
    fail("alice", IP, 10);
    LoginCheck locked = throttle.check("alice", IP);
    assertThat(locked.allowed()).isFalse();
    assertThat(locked.reason()).isEqualTo(LoginCheck.Reason.ACCOUNT_LOCKED_FOR_ADDRESS);
    assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(59));
    assertThat(throttle.check("alice", IP).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    fail("alice", IP, 10);
    assertThat(throttle.check("alice", IP).retryAfter()).isEqualTo(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));
    fail("alice", IP, 10);
    assertThat(throttle.check("alice", IP).retryAfter()).isEqualTo(Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    fail("alice", IP, 10);
    assertThat(throttle.check("alice", IP).retryAfter())
        .as("the last step repeats")
        .isEqualTo(Duration.ofHours(1));
    assertThat(events)
        .extracting(SecurityEvent::type)
        .filteredOn("authn_login_lock"::equals)
        .hasSize(4);
  }

  @Test
  void lockedPair_doesNotLockVictimFromOtherAddresses() {
    fail("alice", IP, 10);
    assertThat(throttle.check("alice", IP).allowed()).isFalse();
    assertThat(throttle.check("alice", "203.0.113.9").allowed()).isTrue();
    assertThat(throttle.check("bob", IP).allowed()).isTrue();
  }

  @Test
  void usernameCase_isOneAccount() {
    fail("Alice", IP, 5);
    fail("alice ", IP, 5);
    assertThat(throttle.check("ALICE", IP).allowed()).isFalse();
  }

  @Test
  void success_resetsPairCounterAndLadder() {
    fail("alice", IP, 9);
    throttle.succeeded("alice", IP);
    fail("alice", IP, 9);
    assertThat(throttle.check("alice", IP).allowed()).isTrue();
    throttle.failed("alice", IP);
    assertThat(throttle.check("alice", IP).retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void hundredFailuresFromOneAddress_blockItForRestOfDay() {
    for (int user = 0; user < 10; user++) {
      fail("user" + user, IP, 9);
    }
    clock.advance(Duration.ofHours(3));
    fail("user10", IP, 9);
    fail("user11", IP, 1);
    LoginCheck blocked = throttle.check("someone-else", IP);
    assertThat(blocked.allowed()).isFalse();
    assertThat(blocked.reason()).isEqualTo(LoginCheck.Reason.ADDRESS_BLOCKED);
    assertThat(blocked.retryAfter()).isEqualTo(Duration.ofHours(21));
    assertThat(throttle.check("user0", IP).allowed())
        .as("blocked for everyone from there")
        .isFalse();
    clock.advance(Duration.ofHours(21));
    assertThat(throttle.check("someone-else", IP).allowed()).isTrue();
    assertThat(events)
        .filteredOn(e -> e.type().equals("authn_login_lock"))
        .extracting(e -> e.fields().get("scope"))
        .containsOnly("address");
    assertThat(events)
        .extracting(SecurityEvent::type)
        .isSubsetOf("authn_login_fail", "authn_login_lock", EventGate.SUMMARY);
  }

  @Test
  void successes_doNotCountTowardTheAddressBudget() {
    for (int i = 0; i < 150; i++) {
      assertThat(throttle.check("user" + i, IP).allowed()).isTrue();
      throttle.succeeded("user" + i, IP);
    }
    fail("mallory", IP, 9);
    assertThat(throttle.check("mallory", IP).allowed()).isTrue();
  }

  @Test
  void parallelGuesses_getExactlyTheAllowedAttempts() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicInteger allowed = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(
          pool.submit(
              () -> {
                go.await();
                if (throttle.check("alice", IP).allowed()) {
                  allowed.incrementAndGet();
                  throttle.failed("alice", IP);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    assertThat(allowed).hasValue(10);
    assertThat(throttle.check("alice", IP).allowed()).isFalse();
  }

  @Test
  void attemptWhoseOutcomeNeverArrived_stillLocksAtNextCheck() {
    for (int i = 0; i < 10; i++) {
      assertThat(throttle.check("alice", IP).allowed())
          .isTrue(); // the application crashed each time
    }
    LoginCheck c = throttle.check("alice", IP);
    assertThat(c.reason()).isEqualTo(LoginCheck.Reason.ACCOUNT_LOCKED_FOR_ADDRESS);
    assertThat(c.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.check("alice", IP).allowed()).isTrue();
  }

  @Test
  void usernameSlowDown_delaysEveryoneButNeverLocks() {
    LoginThrottle slow =
        LoginThrottle.builder()
            .clock(clock)
            .events(events::add)
            .usernameSlowDown(20, Duration.ofHours(1), Duration.ofSeconds(2))
            .build();
    for (int i = 0; i < 20; i++) {
      String ip = "203.0.113." + i;
      assertThat(slow.check("alice", ip).delay()).isZero();
      slow.failed("alice", ip);
    }
    LoginCheck owner = slow.check("alice", "192.0.2.1");
    assertThat(owner.allowed()).isTrue();
    assertThat(owner.delay()).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofMinutes(3)); // one failure's worth drips back
    assertThat(slow.check("alice", "192.0.2.1").delay()).isZero();
  }

  @Test
  void storeDown_failsClosed() {
    LoginThrottle down =
        LoginThrottle.builder()
            .clock(clock)
            .events(events::add)
            .store(
                c -> {
                  throw new RateLimitStoreException("timeout");
                })
            .build();
    LoginCheck c = down.check("alice", IP);
    assertThat(c.allowed()).isFalse();
    assertThat(c.reason()).isEqualTo(LoginCheck.Reason.UNAVAILABLE);
    down.failed("alice", IP); // must not throw
  }

  /** Issue 10 item 4: 20 parallel wrong logins gave 8 lock events and a 1-hour lock. */
  @Test
  void concurrentWrongLogins_onePair_lockOnceAtTheFirstStep() throws Exception {
    List<SecurityEvent> seen = new CopyOnWriteArrayList<>();
    int requests = 20;
    // The worst interleaving, every time: no lock lands before all 20 attempts were counted.
    CountDownLatch allCounted = new CountDownLatch(requests);
    RateLimitStore real = InMemoryRateLimitStore.create();
    RateLimitStore store =
        command -> {
          boolean pairStep = command.keys().get(0).startsWith("login-pair:");
          if (pairStep && command.operation() == RateLimitCommand.Operation.BLOCK) {
            awaitQuietly(allCounted);
          }
          RateLimitCommand.Result result = real.execute(command);
          if (pairStep && command.operation() == RateLimitCommand.Operation.CONSUME) {
            allCounted.countDown();
          }
          return result;
        };
    LoginThrottle t = LoginThrottle.builder().clock(clock).events(seen::add).store(store).build();
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CyclicBarrier allChecked = new CyclicBarrier(requests);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      all.add(
          pool.submit(
              () -> {
                go.await();
                LoginCheck c = t.check("alice", IP);
                allChecked.await(10, TimeUnit.SECONDS); // every check is in before any outcome
                if (c.allowed()) {
                  t.failed("alice", IP);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : all) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(seen)
        .extracting(SecurityEvent::type)
        .filteredOn("authn_login_lock"::equals)
        .hasSize(1);
    assertThat(seen)
        .filteredOn(e -> e.type().equals("authn_login_lock"))
        .first()
        .satisfies(
            e ->
                assertThat(e.fields())
                    .containsEntry("lockLevel", 1L)
                    .containsEntry("lockSeconds", 60L));
    assertThat(t.check("alice", IP).retryAfter())
        .as("the first, shortest lock")
        .isEqualTo(Duration.ofMinutes(1));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("all attempts counted").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A store that fails some operations: what a partial outage (one shard, one statement) looks
   * like.
   */
  static RateLimitStore failing(RateLimitStore real, Predicate<RateLimitCommand> fails) {
    return command -> {
      if (fails.test(command)) {
        throw new RateLimitStoreException("injected partial outage");
      }
      return real.execute(command);
    };
  }

  /** Issue 10 item 5: a NullPointerException (a 500) instead of the fail-closed answer. */
  @Test
  void partialStoreOutage_lockStepFails_failsClosedWithoutException() {
    RateLimitStore store =
        failing(
            InMemoryRateLimitStore.create(), c -> c.keys().get(0).startsWith("login-pair-level:"));
    LoginThrottle t = LoginThrottle.builder().clock(clock).events(events::add).store(store).build();
    for (int i = 0; i < 10; i++) {
      assertThat(t.check("alice", IP).allowed()).isTrue();
      t.failed("alice", IP); // the tenth cannot lock: the store fails that step
    }
    LoginCheck c = t.check("alice", IP);
    assertThat(c.allowed()).isFalse();
    assertThat(c.reason()).isEqualTo(LoginCheck.Reason.UNAVAILABLE);
    assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void partialStoreOutage_accountStepFails_failsClosed() {
    RateLimitStore store =
        failing(InMemoryRateLimitStore.create(), c -> c.keys().get(0).startsWith("login-user:"));
    LoginThrottle t = LoginThrottle.builder().clock(clock).events(events::add).store(store).build();
    LoginCheck c = t.check("alice", IP);
    assertThat(c.reason()).isEqualTo(LoginCheck.Reason.UNAVAILABLE);
    t.failed("alice", IP); // must not throw
  }

  /** Issue 10 item 6: a guess spread over 253 addresses met no throttle and left no event. */
  @Test
  void defaults_guessSpreadOverManyAddresses_slowsTheAccountAndRecordsAnEvent() {
    LoginThrottle t = LoginThrottle.builder().clock(clock).events(events::add).build();
    Duration lastDelay = Duration.ZERO;
    for (int i = 1; i <= 60; i++) {
      String ip = "203.0.113." + i;
      LoginCheck c = t.check("alice", ip);
      assertThat(c.allowed()).as("never a lock by username alone").isTrue();
      lastDelay = c.delay();
      t.failed("alice", ip);
    }
    assertThat(lastDelay).as("escalated past the first delay").isGreaterThan(Duration.ofSeconds(1));
    assertThat(events).extracting(SecurityEvent::type).contains("authn_login_slowed");
    assertThat(events.toString()).doesNotContain("alice");
    LoginCheck owner = t.check("alice", "192.0.2.1");
    assertThat(owner.allowed()).as("the owner still gets in, after the delay").isTrue();
    assertThat(owner.delay()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void lockout_invalid_saysBound() {
    assertThatThrownBy(() -> LoginThrottle.builder().lockout(0, Duration.ofMinutes(1)))
        .hasMessage("lockout failures must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> LoginThrottle.builder().lockout(5))
        .hasMessage("lockout needs at least one lock duration, e.g. Duration.ofMinutes(1)");
  }
}
