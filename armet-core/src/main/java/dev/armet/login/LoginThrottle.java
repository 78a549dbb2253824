package dev.armet.login;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.spi.LimitStatus;
import dev.armet.spi.RateLimitStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Login brute-force protection the application calls around its own credential check (OWASP
 * Authentication Cheat Sheet, "Protect against automated attacks"). Defaults:
 *
 * <ul>
 *   <li>10 consecutive failures for one (username, address) pair lock that pair, for 1 minute, then
 *       5 minutes, then 1 hour on each further 10; forgotten after a day;
 *   <li>100 failures from one address in a day block that address until the day is over;
 *   <li>a success resets the pair (not the address: one's own account must not launder guesses);
 *   <li>optionally, many failures for one username from anywhere slow every attempt on it down: a
 *       delay, never a lock-out, so an attacker cannot lock the owner out from other addresses.
 * </ul>
 *
 * Call {@link #check} before verifying the password, so a locked-out attacker learns nothing and
 * costs no hashing; pair it with {@link CredentialVerifier} so unknown users and wrong passwords
 * cost the same. Attempts are counted when checked (a success gives its attempt back), so parallel
 * guesses cannot overrun a limit.
 *
 * <p>Security events ({@code docs/EVENTS.md}): {@code authn_login_success} and {@code
 * authn_login_fail} for each outcome reported, {@code authn_login_lock} when a pair is locked or an
 * address blocked, {@code authn_login_slowed} when an account is slowed down. They name the account
 * by the keyed hash the store uses, never by the username as typed.
 *
 * <pre>{@code
 * LoginCheck c = throttle.check(username, client.rateLimitKey());
 * if (!c.allowed()) return tooManyRequests(c.retryAfter());
 * Thread.sleep(c.delay());
 * if (verifier.verify(storedHashOrNull, password)) throttle.succeeded(username, ip);
 * else throttle.failed(username, ip);
 * }</pre>
 */
public final class LoginThrottle {
  private static final Duration DAY = Duration.ofDays(1);
  private static final long LEVEL_CAP = 1_000_000_000L; // counts locks; never refuses

  /** How long a lock claim whose holder died before finishing keeps others from locking. */
  private static final Duration CLAIM_WINDOW = Duration.ofSeconds(30);

  /** The escalating per-account delay doubles up to this. */
  private static final Duration MAX_DELAY = Duration.ofSeconds(10);

  private final int threshold;
  private final List<Duration> ladder;
  private final RateLimiter pair;
  private final RateLimiter pairLevel;
  private final RateLimiter pairLockClaim;
  private final RateLimiter address;
  private final @Nullable RateLimiter username;
  private final Duration slowDownDelay;
  private final int slowDownFailures;
  private final SecurityEventSink events;

  private LoginThrottle(Builder b) {
    this.threshold = b.threshold;
    this.ladder = b.ladder;
    this.slowDownDelay = b.slowDownDelay;
    this.slowDownFailures = b.slowDownFailures;
    this.events = EventGate.gated(b.events); // request-triggered: one gate, bounded
    this.pair = limiter(b, RateLimitPolicy.fixedWindow("login-pair", b.threshold, DAY));
    this.pairLevel = limiter(b, RateLimitPolicy.fixedWindow("login-pair-level", LEVEL_CAP, DAY));
    this.pairLockClaim =
        limiter(b, RateLimitPolicy.fixedWindow("login-pair-lock", 1, CLAIM_WINDOW));
    this.address = limiter(b, RateLimitPolicy.fixedWindow("login-address", b.addressLimit, DAY));
    this.username =
        b.slowDownFailures == 0
            ? null
            : limiter(
                b,
                RateLimitPolicy.builder("login-user")
                    .tokenBucket(b.slowDownFailures, b.slowDownFailures, b.slowDownPeriod)
                    .build());
  }

  private static RateLimiter limiter(Builder b, RateLimitPolicy policy) {
    RateLimiter.Builder r =
        RateLimiter.builder(policy)
            .store(Objects.requireNonNull(b.store))
            .clock(b.clock)
            .events(b.events)
            .gate(Objects.requireNonNull(b.gate)); // both set by Builder.build()
    return (b.keyring == null ? r : r.keyring(b.keyring)).build();
  }

  /** Every default, on a bounded in-memory store: development only (production refuses it). */
  public static LoginThrottle defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether to try this login at all; call it before any password work. The attempt is counted
   * here, atomically, so a burst of parallel guesses gets exactly as many tries as the limits
   * allow, not one per request in flight. Two store round trips (the pair and address, then the
   * account). When the store fails, the answer is {@link LoginCheck.Reason#UNAVAILABLE}: refused,
   * fail closed.
   *
   * @param user the username as typed (compared case-insensitively)
   * @param address the client's rate-limit key, e.g. {@code ClientAddress.rateLimitKey()}
   */
  public LoginCheck check(String user, String address) {
    String pairKey = pairKey(user, address);
    RateLimitDecision d = RateLimiter.consumeAll(1, pair.on(pairKey), this.address.on(address));
    if (d.outcome() == RateLimitDecision.Outcome.UNAVAILABLE) {
      return unavailable();
    }
    LimitStatus attempts = d.statuses().get(0);
    LimitStatus daily = d.statuses().get(1);
    if (!attempts.allowed()) {
      if (attempts.consumed() < threshold) { // the attempts were given back: a lock is on
        return locked(attempts.retryAfter());
      }
      // Attempts used up but no lock yet: the last one's outcome never arrived; lock now.
      Duration retry = lock(user, pairKey, address);
      if (retry == null) {
        return unavailable();
      }
      return locked(retry);
    }
    if (!daily.allowed()) {
      return new LoginCheck(
          LoginCheck.Reason.ADDRESS_BLOCKED, atLeastSecond(daily.retryAfter()), Duration.ZERO);
    }
    if (daily.remaining() == 0) {
      events.record(
          SecurityEvent.of("authn_login_lock")
              .with("scope", "address")
              .with("address", address)
              .with("attemptsToday", daily.consumed()));
    }
    Duration delay = Duration.ZERO;
    if (username != null) {
      RateLimitDecision u = username.get(normalize(user));
      if (u.status() == null) {
        return unavailable();
      }
      delay = accountDelay(u.status());
    }
    return new LoginCheck(LoginCheck.Reason.NONE, Duration.ZERO, delay);
  }

  /** Zero under the per-account threshold, then doubling for each further threshold's worth. */
  private Duration accountDelay(LimitStatus account) {
    if (account.allowed()) {
      return Duration.ZERO;
    }
    long over = Math.max(0, account.consumed() - slowDownFailures) / slowDownFailures;
    Duration d = slowDownDelay.multipliedBy(1L << Math.min(over, 10));
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d; // the builder keeps the first delay <= 10 s
  }

  private static LoginCheck locked(Duration retry) {
    return new LoginCheck(
        LoginCheck.Reason.ACCOUNT_LOCKED_FOR_ADDRESS, atLeastSecond(retry), Duration.ZERO);
  }

  private static LoginCheck unavailable() {
    return new LoginCheck(LoginCheck.Reason.UNAVAILABLE, Duration.ofSeconds(1), Duration.ZERO);
  }

  /**
   * Records that the attempt {@link #check} allowed failed (wrong password or unknown user alike).
   * Locks the pair when that was its last allowed attempt.
   */
  public void failed(String user, String address) {
    String pairKey = pairKey(user, address);
    events.record(
        SecurityEvent.of("authn_login_fail")
            .with("account", accountHash(user))
            .with("address", address));
    if (username != null) {
      accountFailed(user);
    }
    LimitStatus attempts = pair.get(pairKey).status();
    // A lock gives its attempts back, so a full count means no lock has been applied yet. When the
    // store fails here, the next check finds the full count (or the store still down) and refuses.
    if (attempts != null && attempts.consumed() >= threshold) {
      lock(user, pairKey, address);
    }
  }

  /** Counts a failure against the account from anywhere; one event per threshold's worth. */
  private void accountFailed(String user) {
    // Called only when slowDownFailures > 0, which is when the username limiter exists.
    LimitStatus account = Objects.requireNonNull(username).penalty(normalize(user), 1).status();
    if (account == null
        || account.consumed() < slowDownFailures
        || (account.consumed() - slowDownFailures) % slowDownFailures != 0) {
      return;
    }
    // Names no user: the account is identified by its keyed hash, as in the store.
    events.record(
        SecurityEvent.of("authn_login_slowed")
            .with("account", accountHash(user))
            .with("failures", account.consumed())
            .with("delayMillis", accountDelay(account).toMillis()));
  }

  /**
   * Records that the attempt {@link #check} allowed succeeded: the pair starts afresh and the
   * attempt no longer counts against the address's daily budget (only failures do).
   */
  public void succeeded(String user, String address) {
    String pairKey = pairKey(user, address);
    events.record(
        SecurityEvent.of("authn_login_success")
            .with("account", accountHash(user))
            .with("address", address));
    pair.delete(pairKey);
    pairLevel.delete(pairKey);
    pairLockClaim.delete(pairKey);
    this.address.reward(address, 1);
  }

  /**
   * Blocks the pair for the next step of the ladder, then frees the attempts the lock used. However
   * many requests find the attempts used up at once (parallel guesses, the last ones' outcomes
   * still out), one lock period escalates the ladder once: only the request that wins the claim (an
   * atomic consume of a one-point key) locks; the claim then stays blocked for the lock's length,
   * so a request that saw the full count late cannot claim again. Returns the lock's length, or
   * null when the store failed (the caller fails closed).
   */
  private @Nullable Duration lock(String user, String pairKey, String address) {
    RateLimitDecision claim = pairLockClaim.consume(pairKey);
    if (claim.outcome() == RateLimitDecision.Outcome.UNAVAILABLE) {
      return null;
    }
    if (!claim.isAllowed()) { // another request locks, or has locked, this pair
      LimitStatus now = pair.get(pairKey).status();
      return now == null ? null : now.retryAfter();
    }
    LimitStatus levelStatus = pairLevel.penalty(pairKey, 1).status();
    Duration lock = levelStatus == null ? null : ladder.get(ladderStep(levelStatus));
    if (lock == null || pair.block(pairKey, lock).status() == null) {
      pairLockClaim.delete(pairKey); // let the next request try again rather than lose the lock
      return null;
    }
    long level = Objects.requireNonNull(levelStatus).consumed(); // lock != null implies it
    // Block first, then give the attempts back: never a moment where the pair is open early.
    pairLockClaim.block(pairKey, lock);
    pair.reward(pairKey, threshold);
    pairLockClaim.reward(pairKey, 1);
    events.record(
        SecurityEvent.of("authn_login_lock")
            .with("scope", "account_from_address")
            .with("account", accountHash(user))
            .with("address", address)
            .with("lockLevel", level)
            .with("lockSeconds", lock.toSeconds()));
    return lock;
  }

  private int ladderStep(LimitStatus level) {
    return (int) Math.max(1, Math.min(level.consumed(), ladder.size())) - 1;
  }

  /**
   * The account as events name it: the keyed hash the store uses, never the username as typed (a
   * user who types the password into the username field must not find it in the log).
   */
  private String accountHash(String user) {
    return pair.subjectHash(normalize(user));
  }

  private static String pairKey(String user, String address) {
    return normalize(user) + "|" + address;
  }

  private static String normalize(String user) {
    return user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
  }

  private static Duration atLeastSecond(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  /** Builds a {@link LoginThrottle}; each number of the scheme is configurable. */
  public static final class Builder {
    private int threshold = 10;
    private List<Duration> ladder =
        List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1));
    private int addressLimit = 100;
    private int slowDownFailures = 20;
    private Duration slowDownPeriod = Duration.ofHours(1);
    private Duration slowDownDelay = Duration.ofSeconds(1);
    private @Nullable RateLimitStore store;
    private InstantSource clock = InstantSource.system();
    private SecurityEventSink events = SecurityEventSink.logging();
    private @Nullable Keyring keyring;
    private @Nullable ProductionGate gate;

    private Builder() {}

    /**
     * Lock a (username, address) pair after {@code failures}, for each duration in turn (the last
     * repeats).
     */
    public Builder lockout(int failures, Duration... locks) {
      if (failures < 1 || failures > 1000) {
        throw new IllegalArgumentException(
            "lockout failures must be between 1 and 1000, was " + failures);
      }
      if (locks.length == 0) {
        throw new IllegalArgumentException(
            "lockout needs at least one lock duration, e.g. Duration.ofMinutes(1)");
      }
      for (Duration d : locks) {
        if (d.isNegative() || d.isZero() || d.compareTo(DAY) > 0) {
          throw new IllegalArgumentException(
              "lockout durations must be more than 0 and at most 1 day, was " + d);
        }
      }
      this.threshold = failures;
      this.ladder = List.of(locks);
      return this;
    }

    /** Block an address for the rest of the day after this many failures in a day (default 100). */
    public Builder addressDailyLimit(int failures) {
      if (failures < 1 || failures > 1_000_000) {
        throw new IllegalArgumentException(
            "addressDailyLimit must be between 1 and 1000000, was " + failures);
      }
      this.addressLimit = failures;
      return this;
    }

    /**
     * Past {@code failures} per {@code period} for one username from anywhere, delay each attempt
     * by {@code delay}, doubling for each further {@code failures}, up to 10 s (default 20 per
     * hour, 1 s). On by default: the one defence against a guess spread over many addresses.
     */
    public Builder usernameSlowDown(int failures, Duration period, Duration delay) {
      if (failures < 1) {
        throw new IllegalArgumentException(
            "usernameSlowDown failures must be >= 1, was " + failures);
      }
      if (delay.isNegative() || delay.isZero() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException(
            "usernameSlowDown delay must be more than 0 and at most 10s, was " + delay);
      }
      this.slowDownFailures = failures;
      this.slowDownPeriod = period;
      this.slowDownDelay = delay;
      return this;
    }

    /**
     * Where the counters live (default: a bounded in-memory store, in development only: production
     * refuses an in-memory store, see {@link ProductionGate}).
     */
    public Builder store(@Nullable RateLimitStore store) {
      this.store = store;
      return this;
    }

    /**
     * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
     * gate(ProductionGate.of(environment))}.
     */
    public Builder environment(ArmetEnvironment environment) {
      return gate(ProductionGate.of(java.util.Objects.requireNonNull(environment, "environment")));
    }

    /**
     * The {@link ProductionGate} that decides what the throttle may use (default: one for {@code
     * ARMET_ENV}): production refuses an in-memory store, and a missing {@code ARMET_SECRETS} when
     * no keyring is given.
     */
    public Builder gate(ProductionGate gate) {
      this.gate = java.util.Objects.requireNonNull(gate, "gate");
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public Builder events(SecurityEventSink events) {
      this.events = events;
      return this;
    }

    /**
     * The key usernames and addresses are hashed under in the store (default: from {@code
     * ARMET_SECRETS}, else random per process). Instances sharing a store must share it.
     */
    public Builder keyring(Keyring keyring) {
      this.keyring = java.util.Objects.requireNonNull(keyring, "keyring");
      return this;
    }

    /**
     * Builds the throttle.
     *
     * @throws IllegalStateException in production, for an in-memory store or missing secrets
     */
    public LoginThrottle build() {
      if (gate == null) {
        gate = ProductionGate.of(null);
      }
      store = gate.rateLimitStore("loginThrottle.store", store);
      keyring = gate.subjectKeyring("loginThrottle.keyring", keyring);
      return new LoginThrottle(this);
    }
  }
}
