package dev.armet.spi;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One decision for a store to carry out atomically, in one round trip: an operation over one or
 * more keys, each with its {@link LimitRule}. A store that runs code next to the data (in memory,
 * JDBC inside a {@code SELECT … FOR UPDATE} transaction) locks the keys, reads their states, calls
 * {@link #apply} and writes back what it returns. A script store (Redis Lua) receives the same
 * numbers ({@link #keys}, {@link #rules}, {@link #operation}, {@link #points(int)}, {@link
 * #nowMicros}, {@link #blockMicros}) and must compute what {@link #apply} computes.
 *
 * <p>Combined limits are all-or-nothing: when any enforcing rule refuses a {@code CONSUME}, no key
 * spends points (a key that went over its own limit still records its block).
 */
public final class RateLimitCommand {
  /** What to do to the keys, as rate-limiter-flexible names it. */
  public enum Operation {
    /** Spend points if every rule allows it. */
    CONSUME,
    /** Spend points unconditionally (e.g. for a failed login). */
    PENALTY,
    /** Give points back. */
    REWARD,
    /** Block for {@link #blockMicros}. */
    BLOCK,
    /** Read only. */
    GET,
    /** Forget the keys. */
    DELETE
  }

  private final List<String> keys;
  private final List<LimitRule> rules;
  private final Operation operation;

  /** Per key; null for a one-key command, whose points are {@link #onePoints}. */
  private final long @Nullable [] points;

  private final long onePoints;
  private final long nowMicros;
  private final long blockMicros;

  private RateLimitCommand(
      List<String> keys,
      List<LimitRule> rules,
      Operation operation,
      long @Nullable [] points,
      long onePoints,
      long nowMicros,
      long blockMicros) {
    this.keys = List.copyOf(keys); // no copy when already immutable
    this.rules = List.copyOf(rules);
    this.operation = operation;
    this.points = points;
    this.onePoints = onePoints;
    this.nowMicros = nowMicros;
    this.blockMicros = blockMicros;
  }

  /**
   * A command over {@code keys.get(i)} with {@code rules.get(i)} and {@code points[i]}: what {@code
   * RateLimiter} hands its store (a store's own tests may build one too).
   *
   * @param points copied
   * @throws IllegalArgumentException if keys, rules and points differ in length or are empty
   */
  public static RateLimitCommand of(
      List<String> keys,
      List<LimitRule> rules,
      Operation operation,
      long[] points,
      long nowMicros,
      long blockMicros) {
    Objects.requireNonNull(operation, "operation");
    if (keys.isEmpty() || keys.size() != rules.size() || keys.size() != points.length) {
      throw new IllegalArgumentException(
          "a command needs one rule and one points value per key; "
              + "was "
              + keys.size()
              + " keys, "
              + rules.size()
              + " rules, "
              + points.length
              + " points");
    }
    return new RateLimitCommand(keys, rules, operation, points.clone(), 0, nowMicros, blockMicros);
  }

  /**
   * A command over one key: the same as {@code of(List.of(key), List.of(rule), operation, new
   * long[] {points}, nowMicros, blockMicros)}, without the collections (a limiter's common case,
   * issue 18).
   */
  public static RateLimitCommand of(
      String key,
      LimitRule rule,
      Operation operation,
      long points,
      long nowMicros,
      long blockMicros) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operation, "operation");
    return new RateLimitCommand(
        List.of(key), rule.alone(), operation, null, points, nowMicros, blockMicros);
  }

  /** The store keys (distinct), one per rule. */
  public List<String> keys() {
    return keys;
  }

  public List<LimitRule> rules() {
    return rules;
  }

  public Operation operation() {
    return operation;
  }

  /** The points of key {@code i}: spent by CONSUME/PENALTY, given back by REWARD. */
  public long points(int i) {
    if (points != null) {
      return points[i];
    }
    Objects.checkIndex(i, 1);
    return onePoints;
  }

  /** The decision time, in microseconds since the epoch. */
  public long nowMicros() {
    return nowMicros;
  }

  /** For {@link Operation#BLOCK}: how long. */
  public long blockMicros() {
    return blockMicros;
  }

  /**
   * The same command decided at another time. For a store that decides on its own clock (Redis
   * {@code TIME}, so that instance clocks do not matter): it reports the result of {@code
   * atMicros(storeNow).apply(states)}, which then matches what it wrote.
   */
  public RateLimitCommand atMicros(long nowMicros) {
    return new RateLimitCommand(keys, rules, operation, points, onePoints, nowMicros, blockMicros);
  }

  /**
   * Computes the new states from the current ones ({@code current[i]} for {@code keys().get(i)},
   * null when absent). Pure: the store persists the result.
   */
  public Result apply(LimitState[] current) {
    int n = keys.size();
    if (n == 1) {
      return applyOne(current[0]);
    }
    LimitState[] next = new LimitState[n];
    LimitStatus[] statuses = new LimitStatus[n];
    boolean refused = false;
    for (int i = 0; i < n; i++) {
      statuses[i] =
          LimitArithmetic.apply(
              rules.get(i), current[i], operation, points(i), blockMicros, nowMicros, next, i);
      refused |= operation == Operation.CONSUME && !statuses[i].allowed() && !rules.get(i).dryRun();
    }
    boolean[] write = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (operation == Operation.DELETE) {
        next[i] = null;
        write[i] = true;
      } else if (operation == Operation.GET) {
        write[i] = false;
      } else if (operation == Operation.CONSUME && !statuses[i].allowed()) {
        // Refused by its own rule: nothing was spent; write only a block it just earned.
        write[i] =
            next[i] != null
                && (current[i] == null || next[i].blockedUntil != current[i].blockedUntil);
      } else if (operation == Operation.CONSUME && refused) {
        // Allowed here but refused elsewhere: all-or-nothing, so spend nothing and say so.
        write[i] = false;
        next[i] = current[i];
        statuses[i] =
            LimitArithmetic.apply(
                rules.get(i), current[i], Operation.GET, 1, 0, nowMicros, new LimitState[1], 0);
      } else {
        write[i] = true;
      }
    }
    long[] expires = new long[n];
    for (int i = 0; i < n; i++) {
      expires[i] = LimitArithmetic.expiresAt(rules.get(i), next[i]);
    }
    return new Result(next, write, expires, List.of(statuses), !refused);
  }

  /**
   * {@link #apply} for one key, with fewer arrays: what the loops above decide when {@code n} is 1
   * (no other key can refuse, so all-or-nothing is the key's own answer).
   */
  private Result applyOne(LimitState current) {
    LimitRule rule = rules.get(0);
    LimitState[] next = new LimitState[1];
    LimitStatus status =
        LimitArithmetic.apply(
            rule, current, operation, onePoints(), blockMicros, nowMicros, next, 0);
    boolean refused = operation == Operation.CONSUME && !status.allowed() && !rule.dryRun();
    boolean write;
    if (operation == Operation.DELETE) {
      next[0] = null;
      write = true;
    } else if (operation == Operation.GET) {
      write = false;
    } else if (operation == Operation.CONSUME && !status.allowed()) {
      write = next[0] != null && (current == null || next[0].blockedUntil != current.blockedUntil);
    } else {
      write = true;
    }
    return new Result(
        next, write, LimitArithmetic.expiresAt(rule, next[0]), List.of(status), !refused);
  }

  private long onePoints() {
    return points != null ? points[0] : onePoints;
  }

  /** What {@link #apply} decided: states to write, with expiry, and the statuses to report. */
  public static final class Result {
    private final LimitState[] next;

    /** Per key; null for one key, whose answers are {@link #writeOne} and {@link #expiresOne}. */
    private final boolean @Nullable [] write;

    private final long @Nullable [] expiresAtMicros;
    private final boolean writeOne;
    private final long expiresOne;
    private final List<LimitStatus> statuses;
    private final boolean allowed;

    /** One key's result. */
    Result(
        LimitState[] next,
        boolean write,
        long expiresAtMicros,
        List<LimitStatus> statuses,
        boolean allowed) {
      this.next = next;
      this.write = null;
      this.expiresAtMicros = null;
      this.writeOne = write;
      this.expiresOne = expiresAtMicros;
      this.statuses = statuses;
      this.allowed = allowed;
    }

    Result(
        LimitState[] next,
        boolean[] write,
        long[] expiresAtMicros,
        List<LimitStatus> statuses,
        boolean allowed) {
      this.next = next;
      this.write = write;
      this.expiresAtMicros = expiresAtMicros;
      this.writeOne = false;
      this.expiresOne = 0;
      this.statuses = statuses;
      this.allowed = allowed;
    }

    /** Whether key {@code i} must be written (or, when {@link #state} is null, deleted). */
    public boolean mustWrite(int i) {
      if (write != null) {
        return write[i];
      }
      Objects.checkIndex(i, 1);
      return writeOne;
    }

    /** The new state of key {@code i}; null means delete it. */
    public LimitState state(int i) {
      return next[i];
    }

    /** After this instant (µs) the state of key {@code i} may be dropped: it equals absence. */
    public long expiresAtMicros(int i) {
      if (expiresAtMicros != null) {
        return expiresAtMicros[i];
      }
      Objects.checkIndex(i, 1);
      return expiresOne;
    }

    public List<LimitStatus> statuses() {
      return statuses;
    }

    /** For CONSUME: whether every enforcing rule allowed it. */
    public boolean allowed() {
      return allowed;
    }
  }
}
