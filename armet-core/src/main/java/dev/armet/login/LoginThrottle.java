package dev.armet.login;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.LimitStatus;
import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimitStore;
import dev.armet.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;

/**
 * Login brute-force protection the application calls around its own credential check (OWASP
 * Authentication Cheat Sheet, "Protect against automated attacks"). Defaults:
 * <ul>
 *   <li>10 consecutive failures for one (username, address) pair lock that pair, for 1 minute,
 *       then 5 minutes, then 1 hour on each further 10; forgotten after a day without a lock;
 *   <li>100 failures from one address in a day block that address until the day is over;
 *   <li>a success resets the pair (not the address: one's own account must not launder guesses);
 *   <li>optionally, many failures for one username from anywhere slow every attempt on it
 *       down: a delay, never a lock-out, so an attacker cannot lock the owner out from other
 *       addresses.
 * </ul>
 * Call {@link #check} before verifying the password, so a locked-out attacker learns nothing and
 * costs no hashing; pair it with {@link CredentialVerifier} so unknown users and wrong passwords
 * cost the same. Threat: attempts already in flight when the lock triggers still complete (at
 * most one per concurrent request).
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
  private static final long PAIR_COUNT_CAP = 1_000_000_000L; // the pair counts; its locks are explicit

  private final int threshold;
  private final List<Duration> ladder;
  private final RateLimiter pair;
  private final RateLimiter pairLevel;
  private final RateLimiter address;
  private final RateLimiter username;
  private final Duration slowDownDelay;
  private final SecurityEventSink events;

  private LoginThrottle(Builder b) {
    this.threshold = b.threshold;
    this.ladder = b.ladder;
    this.slowDownDelay = b.slowDownDelay;
    this.events = b.events;
    this.pair = limiter(b, RateLimitPolicy.fixedWindow("login-pair", PAIR_COUNT_CAP, DAY));
    this.pairLevel = limiter(b, RateLimitPolicy.fixedWindow("login-pair-level", PAIR_COUNT_CAP, DAY));
    this.address = limiter(b, RateLimitPolicy.fixedWindow("login-address", b.addressLimit, DAY));
    this.username = b.slowDownFailures == 0 ? null : limiter(b, RateLimitPolicy.builder("login-user")
        .tokenBucket(b.slowDownFailures, b.slowDownFailures, b.slowDownPeriod).build());
  }

  private static RateLimiter limiter(Builder b, RateLimitPolicy policy) {
    return RateLimiter.builder(policy).store(b.store).clock(b.clock).events(b.events).build();
  }

  /** Every default, on a bounded in-memory store. */
  public static LoginThrottle defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether to try this login at all. One store round trip; call it before any password work.
   *
   * @param user the username as typed (compared case-insensitively)
   * @param address the client's rate-limit key, e.g. {@code ClientAddress.rateLimitKey()}
   */
  public LoginCheck check(String user, String address) {
    String pairKey = pairKey(user, address);
    RateLimitDecision d = username == null
        ? RateLimiter.getAll(pair.on(pairKey), this.address.on(address))
        : RateLimiter.getAll(pair.on(pairKey), this.address.on(address), username.on(normalize(user)));
    if (d.outcome() == RateLimitDecision.Outcome.UNAVAILABLE) {
      return new LoginCheck(LoginCheck.Reason.UNAVAILABLE, Duration.ofSeconds(1), Duration.ZERO);
    }
    List<LimitStatus> s = d.statuses();
    if (!s.get(0).allowed()) {
      return new LoginCheck(LoginCheck.Reason.ACCOUNT_LOCKED_FOR_ADDRESS, atLeastSecond(s.get(0).retryAfter()), Duration.ZERO);
    }
    if (!s.get(1).allowed()) {
      return new LoginCheck(LoginCheck.Reason.ADDRESS_BLOCKED, atLeastSecond(s.get(1).retryAfter()), Duration.ZERO);
    }
    Duration delay = s.size() > 2 && !s.get(2).allowed() ? slowDownDelay : Duration.ZERO;
    return new LoginCheck(LoginCheck.Reason.NONE, Duration.ZERO, delay);
  }

  /** Records a failed attempt (wrong password or unknown user alike). */
  public void failed(String user, String address) {
    String pairKey = pairKey(user, address);
    RateLimitDecision d = username == null
        ? RateLimiter.penaltyAll(1, pair.on(pairKey), this.address.on(address))
        : RateLimiter.penaltyAll(1, pair.on(pairKey), this.address.on(address), username.on(normalize(user)));
    if (d.statuses().isEmpty()) {
      return; // store down: check() fails closed meanwhile
    }
    long failures = d.statuses().get(0).consumed();
    if (failures > 0 && failures % threshold == 0) {
      long level = pairLevel.penalty(pairKey, 1).status().consumed();
      Duration lock = ladder.get((int) Math.min(level, ladder.size()) - 1);
      pair.block(pairKey, lock);
      events.record(SecurityEvent.of("login.locked").with("address", address)
          .with("failures", failures).with("lockSeconds", lock.toSeconds()));
    }
    if (d.statuses().get(1).consumed() == d.statuses().get(1).limit()) {
      events.record(SecurityEvent.of("login.address-blocked").with("address", address)
          .with("failuresToday", d.statuses().get(1).consumed()));
    }
  }

  /** Records a successful login: the pair starts afresh. */
  public void succeeded(String user, String address) {
    String pairKey = pairKey(user, address);
    pair.delete(pairKey);
    pairLevel.delete(pairKey);
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
    private List<Duration> ladder = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1));
    private int addressLimit = 100;
    private int slowDownFailures;
    private Duration slowDownPeriod = Duration.ofHours(1);
    private Duration slowDownDelay = Duration.ZERO;
    private RateLimitStore store;
    private InstantSource clock = InstantSource.system();
    private SecurityEventSink events = SecurityEventSink.logging();

    private Builder() {}

    /** Lock a (username, address) pair after {@code failures}, for each duration in turn (the last repeats). */
    public Builder lockout(int failures, Duration... locks) {
      if (failures < 1 || failures > 1000) {
        throw new IllegalArgumentException("lockout failures must be between 1 and 1000, was " + failures);
      }
      if (locks.length == 0) {
        throw new IllegalArgumentException("lockout needs at least one lock duration, e.g. Duration.ofMinutes(1)");
      }
      for (Duration d : locks) {
        if (d.isNegative() || d.isZero() || d.compareTo(DAY) > 0) {
          throw new IllegalArgumentException("lockout durations must be more than 0 and at most 1 day, was " + d);
        }
      }
      this.threshold = failures;
      this.ladder = List.of(locks);
      return this;
    }

    /** Block an address for the rest of the day after this many failures in a day (default 100). */
    public Builder addressDailyLimit(int failures) {
      if (failures < 1 || failures > 1_000_000) {
        throw new IllegalArgumentException("addressDailyLimit must be between 1 and 1000000, was " + failures);
      }
      this.addressLimit = failures;
      return this;
    }

    /** Past {@code failures} per {@code period} for one username from anywhere, delay each attempt (off by default). */
    public Builder usernameSlowDown(int failures, Duration period, Duration delay) {
      if (failures < 1) {
        throw new IllegalArgumentException("usernameSlowDown failures must be >= 1, was " + failures);
      }
      if (delay.isNegative() || delay.isZero() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("usernameSlowDown delay must be more than 0 and at most 10s, was " + delay);
      }
      this.slowDownFailures = failures;
      this.slowDownPeriod = period;
      this.slowDownDelay = delay;
      return this;
    }

    public Builder store(RateLimitStore store) {
      this.store = store;
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

    public LoginThrottle build() {
      if (store == null) {
        store = InMemoryRateLimitStore.create();
      }
      return new LoginThrottle(this);
    }
  }
}
