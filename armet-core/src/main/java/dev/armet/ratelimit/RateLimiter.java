package dev.armet.ratelimit;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.KeyedHash;
import dev.armet.keys.Keyring;
import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitCommand.Operation;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.spi.SessionLoad;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies one {@link RateLimitPolicy} to keys (a client address, a user id, an API key), stored and
 * logged only as their keyed hash ({@link Builder#keyring}): the operations of
 * rate-limiter-flexible ({@code consume}, {@code penalty}, {@code reward}, {@code block}, {@code
 * get}, {@code delete}), each one atomic store round trip. Several limiters combine with {@link
 * #consumeAll}: all must pass, and a refusal by one spends nothing in the others. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * RateLimiter perIp = RateLimiter.builder(RateLimitPolicy.fixedWindow("ip", 100, Duration.ofMinutes(1)))
 *     .store(store).build();
 * RateLimitDecision d = perIp.consume(client.rateLimitKey());
 * if (!d.isAllowed()) { respond 429 with d.retryAfter() }
 * }</pre>
 */
public final class RateLimiter {
  private static final InstantSource SYSTEM_CLOCK = InstantSource.system();

  private final RateLimitPolicy policy;
  private final RateLimitStore store;
  private final InstantSource clock;
  private final StoreFailurePolicy onFailure;
  private final SecurityEventSink events;
  private final String keyPrefix;
  private final KeyedHash names;
  private final List<LimitRule> rules;
  private final AddressKeyCache addressKeys;

  /**
   * The store when it is the in-memory one: every decision then names its subjects by {@link
   * #slots} and a one-subject decision takes the store's in-place path.
   */
  private final @Nullable InMemoryRateLimitStore local;

  /** Where {@link #local} keeps a subject. */
  private final SubjectSlots slots;

  /** Whether the clock is the system's, read without an {@code Instant} on {@link #local}. */
  private final boolean systemClock;

  private RateLimiter(Builder b) {
    this.policy = b.policy;
    ProductionGate gate = b.gate != null ? b.gate : ProductionGate.of(null);
    this.store = gate.rateLimitStore("rateLimiter.store", b.store);
    this.local = store instanceof InMemoryRateLimitStore inMemory ? inMemory : null;
    this.clock = b.clock;
    this.onFailure = b.onFailure;
    this.events = EventGate.gated(b.events); // refusals follow requests: one gate, bounded
    this.keyPrefix = b.policy.name() + ':';
    Keyring keyring = gate.subjectKeyring("rateLimiter.keyring", b.keyring);
    this.names =
        keyring != null
            ? keyring.keyedHash(RateLimitKeys.PURPOSE)
            : KeyedHash.processDefault(RateLimitKeys.PURPOSE);
    this.rules = List.of(b.policy.rule());
    this.addressKeys = new AddressKeyCache(this::storeKey);
    this.slots =
        SubjectSlots.derivedFrom(
            keyring != null
                ? keyring.keyedHash(SubjectSlots.PURPOSE)
                : KeyedHash.processDefault(SubjectSlots.PURPOSE));
    this.systemClock = local != null && b.clock.equals(SYSTEM_CLOCK);
  }

  public static Builder builder(RateLimitPolicy policy) {
    return new Builder(policy);
  }

  /** A key bound to this limiter, costing one point, for {@link #consumeAll}. */
  public Target on(String key) {
    return new Target(this, key, 1, null);
  }

  /** A key bound to this limiter with its own cost, for {@link #consumeAll(Target...)}. */
  public Target on(String key, long points) {
    return new Target(this, key, checkCost(points), null);
  }

  /**
   * As {@link #on(String, long)} for a client address ({@link
   * dev.armet.net.ClientAddress#rateLimitKey()}), whose store key is cached: never for a key that
   * may be a secret.
   */
  Target onAddress(String address, long points) {
    Objects.requireNonNull(address, "key");
    return new Target(
        this, address, checkCost(points), local != null ? null : addressKeys.storeKey(address));
  }

  public RateLimitDecision consume(String key) {
    return consume(key, 1);
  }

  /** Spends {@code points} if the policy allows it. */
  public RateLimitDecision consume(String key, long points) {
    return runOne(Operation.CONSUME, key, checkCost(points), 0);
  }

  /** Spends points whatever the state (a failed login, an expensive request after the fact). */
  public RateLimitDecision penalty(String key, long points) {
    return runOne(Operation.PENALTY, key, checkPoints(points), 0);
  }

  /** Gives points back. */
  public RateLimitDecision reward(String key, long points) {
    return runOne(Operation.REWARD, key, checkPoints(points), 0);
  }

  /** Refuses {@code key} for {@code duration} (extends, never shortens, a block). */
  public RateLimitDecision block(String key, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("block duration must be positive, was " + duration);
    }
    return runOne(Operation.BLOCK, key, 1, duration.toNanos() / 1000);
  }

  /** The state of {@code key} without changing it. */
  public RateLimitDecision get(String key) {
    return runOne(Operation.GET, key, 1, 0);
  }

  /** Forgets {@code key}. */
  public void delete(String key) {
    runOne(Operation.DELETE, key, 1, 0);
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
    for (Target t : list) {
      t.limiter.checkCost(points);
    }
    return list.get(0).limiter.run(Operation.CONSUME, list, points, 0, null);
  }

  /** As {@link #consumeAll(long, Target...)}, each target spending its own points. */
  public static RateLimitDecision consumeAll(Target... targets) {
    return consumeAll(null, targets);
  }

  /**
   * As {@link #consumeAll(Target...)}, letting the store send {@code alongside} (this request's
   * session read) in the same round trip: {@link RateLimitStore#execute(RateLimitCommand,
   * SessionLoad)}.
   */
  static RateLimitDecision consumeAll(@Nullable SessionLoad alongside, Target... targets) {
    List<Target> list = sameStore(targets);
    return list.get(0).limiter.run(Operation.CONSUME, list, 0, 0, alongside);
  }

  /** As {@link #consumeAll(SessionLoad, Target...)} for one target, without collections. */
  static RateLimitDecision consume(@Nullable SessionLoad alongside, Target target) {
    RateLimiter limiter = target.limiter;
    if (limiter.local != null) {
      return limiter.inPlace(limiter.local, Operation.CONSUME, target.key, target.points, 0, false);
    }
    return limiter.runOne(Operation.CONSUME, target.storeKey(), target.points, 0, alongside);
  }

  /**
   * As {@code consume(alongside, address ? onAddress(key, points) : on(key, points))}, without the
   * target: a route with one limit (issue 18).
   */
  RateLimitDecision consume(
      @Nullable SessionLoad alongside, String key, boolean address, long points) {
    return consume(alongside, key, address, points, false);
  }

  /**
   * As {@link #consume(SessionLoad, String, boolean, long)}; {@code outcomeOnly}: an allowed
   * decision on the in-memory store may be the shared one ({@code OutcomeOnly}).
   */
  RateLimitDecision consume(
      @Nullable SessionLoad alongside,
      String key,
      boolean address,
      long points,
      boolean outcomeOnly) {
    Objects.requireNonNull(key, "key");
    long cost = checkCost(points);
    if (local != null) { // a slot costs less than a cache lookup: no cache (the store ignores
      return inPlace(local, Operation.CONSUME, key, cost, 0, outcomeOnly); // `alongside`)
    }
    String name = address ? addressKeys.storeKey(key) : storeKey(key);
    return runOne(Operation.CONSUME, name, cost, 0, alongside);
  }

  /** Spends {@code points} under every target unconditionally, in one atomic round trip. */
  public static RateLimitDecision penaltyAll(long points, Target... targets) {
    List<Target> list = sameStore(targets);
    return list.get(0).limiter.run(Operation.PENALTY, list, checkPoints(points), 0, null);
  }

  /** Reads every target in one round trip, changing nothing. */
  public static RateLimitDecision getAll(Target... targets) {
    List<Target> list = sameStore(targets);
    return list.get(0).limiter.run(Operation.GET, list, 1, 0, null);
  }

  @SuppressWarnings(
      "ReferenceEquality") // one store instance, not equal stores, makes one atomic call
  private static List<Target> sameStore(Target... targets) {
    if (targets.length == 0) {
      throw new IllegalArgumentException("at least one target is needed");
    }
    for (Target t : targets) {
      if (t.limiter.store != targets[0].limiter.store) {
        throw new IllegalArgumentException(
            "limiters '"
                + targets[0].limiter.policy.name()
                + "' and '"
                + t.limiter.policy.name()
                + "' use different stores; one atomic decision needs one store");
      }
    }
    return List.of(targets);
  }

  /** One key of this limiter: the common case, without intermediate collections. */
  private RateLimitDecision runOne(Operation op, String key, long points, long blockMicros) {
    Objects.requireNonNull(key, "key");
    if (local != null) {
      return inPlace(local, op, key, points, blockMicros, false);
    }
    return runOne(op, storeKey(key), points, blockMicros, null);
  }

  /**
   * One subject on {@link #local}: the decision a command would get, taken on the subject's slot in
   * place, without a command, a text name or a key object (issue 18).
   */
  private RateLimitDecision inPlace(
      InMemoryRateLimitStore local,
      Operation op,
      String subject,
      long points,
      long blockMicros,
      boolean outcomeOnly) {
    SipHash slot = slots.of(subject); // read at once: the thread's next call overwrites it
    long hi = slot.hi();
    long lo = slot.lo();
    return decided(
        op,
        local.decide(
            policy.name(),
            hi,
            lo,
            policy.rule(),
            op,
            points,
            blockMicros,
            nowMicros(),
            outcomeOnly));
  }

  private RateLimitDecision runOne(
      Operation op,
      String storeKey,
      long points,
      long blockMicros,
      @Nullable SessionLoad alongside) {
    return execute(
        op,
        RateLimitCommand.of(storeKey, policy.rule(), op, points, nowMicros(), blockMicros),
        alongside);
  }

  /** {@code points} 0 means each target's own points. */
  private RateLimitDecision run(
      Operation op,
      List<Target> targets,
      long points,
      long blockMicros,
      @Nullable SessionLoad alongside) {
    if (local != null) {
      return inPlace(local, op, targets, costs(targets, points), blockMicros);
    }
    return execute(op, command(op, targets, points, blockMicros), alongside);
  }

  /** Each target's cost; {@code points} 0: each target's own points. */
  private static long[] costs(List<Target> targets, long points) {
    long[] cost = new long[targets.size()];
    for (int i = 0; i < cost.length; i++) {
      cost[i] = points > 0 ? points : targets.get(i).points;
    }
    return cost;
  }

  /** The one command deciding for every target; {@code points} 0: each target's own points. */
  private RateLimitCommand command(
      Operation op, List<Target> targets, long points, long blockMicros) {
    long[] cost = costs(targets, points);
    List<String> keys;
    List<LimitRule> rules;
    if (targets.size() == 1) { // the common case, without intermediate collections
      Target t = targets.get(0);
      keys = List.of(t.storeKey());
      rules = t.limiter.rules;
    } else {
      keys = new ArrayList<>(targets.size());
      rules = new ArrayList<>(targets.size());
      for (Target t : targets) {
        String key = t.storeKey();
        if (keys.contains(key)) {
          throw new IllegalArgumentException(
              "the same policy and key twice in one decision: policy '"
                  + t.limiter.policy.name()
                  + "'"); // never the key: it may be a secret
        }
        keys.add(key);
        rules.add(t.limiter.policy.rule());
      }
    }
    return RateLimitCommand.of(keys, rules, op, cost, nowMicros(), blockMicros);
  }

  /**
   * Several subjects on {@link #local}, each in its slot ({@link SubjectSlots}, as a one-subject
   * decision names it): the command only says what to do, so its keys are the policies' names.
   */
  private RateLimitDecision inPlace(
      InMemoryRateLimitStore local,
      Operation op,
      List<Target> targets,
      long[] cost,
      long blockMicros) {
    SlotKey[] keys = new SlotKey[targets.size()];
    List<String> names = new ArrayList<>(keys.length);
    List<LimitRule> rules = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      Target t = targets.get(i);
      keys[i] = SlotKey.subject(t.limiter.policy.name(), t.limiter.slots.of(t.key));
      for (int j = 0; j < i; j++) {
        if (keys[j].equals(keys[i])) {
          throw new IllegalArgumentException(
              "the same policy and key twice in one decision: policy '"
                  + t.limiter.policy.name()
                  + "'"); // never the key: it may be a secret
        }
      }
      names.add(t.limiter.policy.name());
      rules.add(t.limiter.policy.rule());
    }
    RateLimitCommand command =
        RateLimitCommand.of(names, rules, op, cost, nowMicros(), blockMicros);
    RateLimitCommand.Result result = local.execute(keys, command);
    return decided(op, result);
  }

  private RateLimitDecision execute(
      Operation op, RateLimitCommand command, @Nullable SessionLoad alongside) {
    RateLimitCommand.Result result;
    try {
      result = alongside == null ? store.execute(command) : store.execute(command, alongside);
    } catch (RateLimitStoreException e) {
      return outcome(op, command, null, e);
    }
    return outcome(op, command, result, null);
  }

  /**
   * As {@link #consume(SessionLoad, String, boolean, long)}, sending the store's round trip without
   * waiting for it ({@link RateLimitStore#executeAsync}); an in-memory decision is made at once.
   */
  PendingDecision consumeLater(
      @Nullable SessionLoad alongside, String key, boolean address, long points) {
    if (local != null) {
      return PendingDecision.decided(consume(alongside, key, address, points));
    }
    Objects.requireNonNull(key, "key");
    long cost = checkCost(points);
    String name = address ? addressKeys.storeKey(key) : storeKey(key);
    return later(
        Operation.CONSUME,
        RateLimitCommand.of(name, policy.rule(), Operation.CONSUME, cost, nowMicros(), 0),
        alongside);
  }

  /** As {@link #consumeAll(SessionLoad, Target...)}, without waiting for the store. */
  static PendingDecision consumeAllLater(@Nullable SessionLoad alongside, Target... targets) {
    List<Target> list = sameStore(targets);
    RateLimiter first = list.get(0).limiter;
    if (first.local != null) {
      return PendingDecision.decided(consumeAll(alongside, targets));
    }
    return first.later(Operation.CONSUME, first.command(Operation.CONSUME, list, 0, 0), alongside);
  }

  private PendingDecision later(
      Operation op, RateLimitCommand command, @Nullable SessionLoad alongside) {
    return PendingDecision.answering(this, op, command, store.executeAsync(command, alongside));
  }

  /**
   * The decision on the store's answer, or, when it failed, the {@link StoreFailurePolicy}'s:
   * recorded as an event and answered by the insurance store or as unavailable.
   */
  RateLimitDecision outcome(
      Operation op,
      RateLimitCommand command,
      RateLimitCommand.@Nullable Result answer,
      @Nullable RateLimitStoreException e) {
    RateLimitCommand.Result result = answer;
    if (e != null) {
      // Only the store's own failure is an outage; any other exception is a bug and propagates.
      // Class names only: a driver's message may name hosts or keys. The decision keeps `e`.
      events.record(
          SecurityEvent.of("excess_rate_limit_store_unavailable")
              .with("policy", policy.name())
              .with("error", e.getClass().getSimpleName())
              .with("cause", e.getCause() == null ? null : e.getCause().getClass().getName())
              .with("then", onFailure.toString()));
      RateLimitStore insurance = onFailure.insuranceStore();
      if (insurance == null) {
        return RateLimitDecision.unavailable(e);
      }
      result = insurance.execute(command);
    }
    return decided(op, Objects.requireNonNull(result, "result"));
  }

  /**
   * The decision {@code result} carries, reported as {@link #decided(Operation,
   * RateLimitDecision)}.
   */
  private RateLimitDecision decided(Operation op, RateLimitCommand.Result result) {
    return decided(
        op,
        new RateLimitDecision(
            result.allowed() || op != Operation.CONSUME
                ? RateLimitDecision.Outcome.ALLOWED
                : RateLimitDecision.Outcome.REFUSED,
            result.statuses()));
  }

  /** Reports a dry-run policy's would-be refusal, then returns {@code decision}. */
  private RateLimitDecision decided(Operation op, RateLimitDecision decision) {
    if (op == Operation.CONSUME && decision.dryRunRefused()) {
      events.record(
          SecurityEvent.of("excess_rate_limit_exceeded")
              .with("policy", policy.name())
              .with("disposition", "report_only")
              .with("retryAfterMillis", decision.retryAfter().toMillis()));
    }
    return decision;
  }

  private String storeKey(String key) {
    return RateLimitKeys.storeKey(keyPrefix, names, key);
  }

  /**
   * The keyed hash {@code key} is logged under, and stored under in any store but the in-memory one
   * reached directly (which keeps a keyed SipHash of it instead); never the key itself. For events
   * that must name a subject without revealing it.
   */
  public String subjectHash(String key) {
    return names.hash(Objects.requireNonNull(key, "key"));
  }

  private long nowMicros() {
    if (systemClock) { // what instant() says, to the millisecond, without allocating an Instant
      return System.currentTimeMillis() * 1000;
    }
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  private long checkCost(long points) {
    checkPoints(points);
    if (points > policy.rule().limit()) {
      throw new IllegalArgumentException(
          "points must be at most policy '"
              + policy.name()
              + "' limit "
              + policy.rule().limit()
              + ", was "
              + points);
    }
    return points;
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
    private final long points;
    private final @Nullable String storeKey;

    private Target(RateLimiter limiter, String key, long points, @Nullable String storeKey) {
      this.limiter = limiter;
      this.key = Objects.requireNonNull(key, "key");
      this.points = points;
      this.storeKey = storeKey;
    }

    private String storeKey() {
      return storeKey != null ? storeKey : limiter.storeKey(key);
    }

    @Override
    public String toString() {
      return limiter.policy.name() + ":" + limiter.subjectHash(key); // never the key in clear
    }
  }

  /** Builds a {@link RateLimiter}. */
  public static final class Builder {
    private final RateLimitPolicy policy;
    private @Nullable RateLimitStore store;
    private InstantSource clock = InstantSource.system();
    private StoreFailurePolicy onFailure = StoreFailurePolicy.failClosed();
    private SecurityEventSink events = SecurityEventSink.logging();
    private @Nullable Keyring keyring;
    private @Nullable ProductionGate gate;

    private Builder(RateLimitPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Where state lives (default: a new bounded {@link InMemoryRateLimitStore}, in development
     * only: production refuses an in-memory store, see {@link ProductionGate}).
     */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The time source (tests pass a controllable one; default the system clock, which a limiter on
     * the {@link InMemoryRateLimitStore} reads to the millisecond, without allocating an {@code
     * Instant} per decision).
     */
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

    /**
     * The key subjects are hashed under (default: from {@code ARMET_SECRETS}, else, in development
     * only, random per process; see {@link KeyedHash}). Instances sharing a store must share it.
     */
    public Builder keyring(Keyring keyring) {
      this.keyring = Objects.requireNonNull(keyring, "keyring");
      return this;
    }

    /**
     * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
     * gate(ProductionGate.of(environment))}.
     */
    public Builder environment(ArmetEnvironment environment) {
      return gate(ProductionGate.of(Objects.requireNonNull(environment, "environment")));
    }

    /**
     * The {@link ProductionGate} that decides what this limiter may use (default: one for {@code
     * ARMET_ENV}): production refuses an in-memory store, and a missing {@code ARMET_SECRETS} when
     * no keyring is given.
     */
    public Builder gate(ProductionGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Builds the limiter.
     *
     * @throws IllegalStateException in production, for an in-memory store or missing secrets
     */
    public RateLimiter build() {
      return new RateLimiter(this);
    }
  }
}
