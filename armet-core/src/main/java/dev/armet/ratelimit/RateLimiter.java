package dev.armet.ratelimit;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.ratelimit.RateLimitCommand.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies one {@link RateLimitPolicy} to keys (a client address, a user id, an API key): the
 * operations of rate-limiter-flexible ({@code consume}, {@code penalty}, {@code reward},
 * {@code block}, {@code get}, {@code delete}), each one atomic store round trip. Several
 * limiters combine with {@link #consumeAll}: all must pass, and a refusal by one spends nothing
 * in the others. Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimiter perIp = RateLimiter.builder(RateLimitPolicy.fixedWindow("ip", 100, Duration.ofMinutes(1)))
 *     .store(store).build();
 * RateLimitDecision d = perIp.consume(client.rateLimitKey());
 * if (!d.isAllowed()) { respond 429 with d.retryAfter() }
 * }</pre>
 */
public final class RateLimiter {
  private final RateLimitPolicy policy;
  private final RateLimitStore store;
  private final InstantSource clock;
  private final StoreFailurePolicy onFailure;
  private final SecurityEventSink events;
  private final RefusalLog dryRunLog;

  private RateLimiter(Builder b) {
    this.policy = b.policy;
    this.store = b.store != null ? b.store : InMemoryRateLimitStore.create();
    this.clock = b.clock;
    this.onFailure = b.onFailure;
    this.events = b.events;
    this.dryRunLog = new RefusalLog(b.events);
  }

  public static Builder builder(RateLimitPolicy policy) {
    return new Builder(policy);
  }

  /** A key bound to this limiter, for {@link #consumeAll}. */
  public Target on(String key) {
    return new Target(this, key);
  }

  public RateLimitDecision consume(String key) {
    return consume(key, 1);
  }

  /** Spends {@code points} if the policy allows it. */
  public RateLimitDecision consume(String key, long points) {
    return consumeAll(points, on(key));
  }

  /** Spends points whatever the state (a failed login, an expensive request after the fact). */
  public RateLimitDecision penalty(String key, long points) {
    return run(Operation.PENALTY, List.of(on(key)), checkPoints(points), 0);
  }

  /** Gives points back. */
  public RateLimitDecision reward(String key, long points) {
    return run(Operation.REWARD, List.of(on(key)), checkPoints(points), 0);
  }

  /** Refuses {@code key} for {@code duration} (extends, never shortens, a block). */
  public RateLimitDecision block(String key, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("block duration must be positive, was " + duration);
    }
    return run(Operation.BLOCK, List.of(on(key)), 0, duration.toNanos() / 1000);
  }

  /** The state of {@code key} without changing it. */
  public RateLimitDecision get(String key) {
    return run(Operation.GET, List.of(on(key)), 1, 0);
  }

  /** Forgets {@code key}. */
  public void delete(String key) {
    run(Operation.DELETE, List.of(on(key)), 0, 0);
  }

  public RateLimitPolicy policy() {
    return policy;
  }

  public RateLimitStore store() {
    return store;
  }

  /**
   * Spends {@code points} under every target if all allow it, in one atomic store round trip;
   * otherwise spends nothing anywhere. All targets must share one store.
   */
  public static RateLimitDecision consumeAll(long points, Target... targets) {
    List<Target> list = sameStore(targets);
    RateLimiter first = list.get(0).limiter;
    checkPoints(points);
    for (Target t : list) {
      if (points > t.limiter.policy.rule().limit()) {
        throw new IllegalArgumentException("points must be at most policy '" + t.limiter.policy.name()
            + "' limit " + t.limiter.policy.rule().limit() + ", was " + points);
      }
    }
    return first.run(Operation.CONSUME, list, points, 0);
  }

  /** Spends {@code points} under every target unconditionally, in one atomic round trip. */
  public static RateLimitDecision penaltyAll(long points, Target... targets) {
    List<Target> list = sameStore(targets);
    return list.get(0).limiter.run(Operation.PENALTY, list, checkPoints(points), 0);
  }

  /** Reads every target in one round trip, changing nothing. */
  public static RateLimitDecision getAll(Target... targets) {
    List<Target> list = sameStore(targets);
    return list.get(0).limiter.run(Operation.GET, list, 1, 0);
  }

  private static List<Target> sameStore(Target... targets) {
    if (targets.length == 0) {
      throw new IllegalArgumentException("at least one target is needed");
    }
    for (Target t : targets) {
      if (t.limiter.store != targets[0].limiter.store) {
        throw new IllegalArgumentException("limiters '" + targets[0].limiter.policy.name() + "' and '"
            + t.limiter.policy.name() + "' use different stores; one atomic decision needs one store");
      }
    }
    return List.of(targets);
  }

  private RateLimitDecision run(Operation op, List<Target> targets, long points, long blockMicros) {
    List<String> keys = new ArrayList<>(targets.size());
    List<LimitRule> rules = new ArrayList<>(targets.size());
    for (Target t : targets) {
      String key = RateLimitKeys.storeKey(t.limiter.policy.name(), t.key);
      if (keys.contains(key)) {
        throw new IllegalArgumentException("the same policy and key twice in one decision: " + t);
      }
      keys.add(key);
      rules.add(t.limiter.policy.rule());
    }
    RateLimitCommand command = new RateLimitCommand(keys, rules, op, points, nowMicros(), blockMicros);
    RateLimitCommand.Result result;
    try {
      result = store.execute(command);
    } catch (RuntimeException e) {
      events.record(SecurityEvent.of("ratelimit.store-failure").with("policy", policy.name())
          .with("error", e.getClass().getSimpleName()).with("then", onFailure.toString()));
      RateLimitStore insurance = onFailure.insuranceStore();
      if (insurance == null) {
        return RateLimitDecision.unavailable();
      }
      result = insurance.execute(command);
    }
    RateLimitDecision decision = new RateLimitDecision(
        result.allowed() || op != Operation.CONSUME ? RateLimitDecision.Outcome.ALLOWED
            : RateLimitDecision.Outcome.REFUSED, result.statuses());
    if (op == Operation.CONSUME && decision.dryRunRefused()) {
      dryRunLog.record("ratelimit.dry-run-refusal", policy.name(), decision);
    }
    return decision;
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  private static long checkPoints(long points) {
    if (points < 1 || points > 1_000_000_000L) {
      throw new IllegalArgumentException("points must be between 1 and 1000000000, was " + points);
    }
    return points;
  }

  /** One limiter and one key. */
  public static final class Target {
    private final RateLimiter limiter;
    private final String key;

    private Target(RateLimiter limiter, String key) {
      this.limiter = limiter;
      this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
      return limiter.policy.name() + ":" + key;
    }
  }

  /** Builds a {@link RateLimiter}. */
  public static final class Builder {
    private final RateLimitPolicy policy;
    private RateLimitStore store;
    private InstantSource clock = InstantSource.system();
    private StoreFailurePolicy onFailure = StoreFailurePolicy.failClosed();
    private SecurityEventSink events = SecurityEventSink.logging();

    private Builder(RateLimitPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Where state lives (default: a new bounded {@link InMemoryRateLimitStore}). */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The time source (tests pass a controllable one; default the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What to do when the store fails (default {@link StoreFailurePolicy#failClosed()}). */
    public Builder onStoreFailure(StoreFailurePolicy policy) {
      this.onFailure = Objects.requireNonNull(policy, "onStoreFailure");
      return this;
    }

    public Builder events(SecurityEventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    public RateLimiter build() {
      return new RateLimiter(this);
    }
  }
}
