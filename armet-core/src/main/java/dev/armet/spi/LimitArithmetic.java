package dev.armet.spi;

import dev.armet.internal.spi.LimitKernel;
import dev.armet.spi.RateLimitCommand.Operation;

/**
 * The two algorithms, once, as pure functions of (state, rule, now). A script store must reproduce
 * exactly this; {@code RateLimitStoreContract} checks that it does.
 *
 * <p>For operations other than {@code CONSUME}, "allowed" answers: would a one-point request pass
 * now?
 */
final class LimitArithmetic {
  private LimitArithmetic() {}

  /**
   * Applies one operation to one key: returns its status and puts the state to keep (null: absent)
   * in {@code next[i]}.
   */
  static LimitStatus apply(
      LimitRule rule,
      LimitState state,
      Operation op,
      long points,
      long blockMicros,
      long now,
      LimitState[] next,
      int i) {
    LimitKernel.Out out = new LimitKernel.Out();
    if (state == null) {
      apply(rule, false, 0, 0, 0, op, points, blockMicros, now, out);
    } else {
      apply(rule, true, state.a, state.b, state.blockedUntil, op, points, blockMicros, now, out);
    }
    next[i] = out.present ? new LimitState(out.a, out.b, out.blockedUntil) : null;
    return new LimitStatus(
        rule, out.allowed, out.remaining, out.consumed, out.resetMicros, out.retryMicros);
  }

  /**
   * The same on plain numbers ({@code present} false: an absent key), answering in {@code out}:
   * what the in-memory store's one-key path runs on the state it keeps in place.
   */
  static void apply(
      LimitRule rule,
      boolean present,
      long a,
      long b,
      long blockedUntil,
      Operation op,
      long points,
      long blockMicros,
      long now,
      LimitKernel.Out out) {
    if (rule.kind() == LimitRule.Kind.TOKEN_BUCKET) {
      bucket(rule, present, a, blockedUntil, op, points, blockMicros, now, out);
    } else {
      window(rule, present, a, b, blockedUntil, op, points, blockMicros, now, out);
    }
  }

  private static void bucket(
      LimitRule rule,
      boolean present,
      long stateTat,
      long stateBlocked,
      Operation op,
      long points,
      long blockMicros,
      long now,
      LimitKernel.Out out) {
    long t = rule.periodMicros();
    long tolerance = rule.windowMicros();
    long tat = present ? Math.max(stateTat, now) : now;
    long blocked = present ? stateBlocked : 0;
    long cost = mul(points, t);
    boolean refused = false;
    switch (op) {
      case CONSUME:
        if (blocked > now || add(tat, cost) - now > tolerance) {
          refused = true;
          if (blocked <= now && rule.blockMicros() > 0) {
            blocked = add(now, rule.blockMicros());
          }
        } else {
          tat = add(tat, cost);
        }
        break;
      case PENALTY:
        tat = add(tat, cost);
        break;
      case REWARD:
        tat = Math.max(now, tat - cost);
        break;
      case BLOCK:
        blocked = Math.max(blocked, add(now, blockMicros));
        break;
      default:
        break;
    }
    long used = tat - now;
    long probe = op == Operation.CONSUME ? cost : t; // what "allowed" is asked about
    boolean blockedNow = blocked > now;
    boolean allowed = !refused && !blockedNow && (op == Operation.CONSUME || used + t <= tolerance);
    out.allowed = allowed;
    out.retryMicros =
        allowed ? 0 : Math.max(blockedNow ? blocked - now : 0, add(used, probe) - tolerance);
    out.remaining = blockedNow ? 0 : Math.floorDiv(tolerance - used, t);
    out.consumed = used == 0 ? 0 : (used + t - 1) / t;
    out.resetMicros = Math.max(used, blockedNow ? blocked - now : 0);
    out.present = Math.max(tat, blocked) > now;
    out.a = tat;
    out.b = 0;
    out.blockedUntil = blocked;
  }

  private static void window(
      LimitRule rule,
      boolean present,
      long stateStart,
      long stateCount,
      long stateBlocked,
      Operation op,
      long points,
      long blockMicros,
      long now,
      LimitKernel.Out out) {
    long w = rule.periodMicros();
    boolean fresh = !present || now >= add(stateStart, w);
    long start = fresh ? now : stateStart;
    long count = fresh ? 0 : stateCount;
    long blocked = present ? stateBlocked : 0;
    boolean refused = false;
    switch (op) {
      case CONSUME:
        if (blocked > now || add(count, points) > rule.limit()) {
          refused = true;
          if (blocked <= now && rule.blockMicros() > 0) {
            blocked = add(now, rule.blockMicros());
          }
        } else {
          count += points;
        }
        break;
      case PENALTY:
        count = add(count, points);
        break;
      case REWARD:
        count = Math.max(0, count - points);
        break;
      case BLOCK:
        blocked = Math.max(blocked, add(now, blockMicros));
        break;
      default:
        break;
    }
    boolean blockedNow = blocked > now;
    long untilEnd = add(start, w) - now;
    boolean allowed = !refused && !blockedNow && (op == Operation.CONSUME || count < rule.limit());
    long probe = op == Operation.CONSUME ? points : 1;
    boolean overLimit = add(count, probe) > rule.limit();
    out.allowed = allowed;
    out.retryMicros =
        allowed ? 0 : Math.max(blockedNow ? blocked - now : 0, overLimit ? untilEnd : 0);
    out.remaining = blockedNow ? 0 : rule.limit() - count;
    out.consumed = count;
    out.resetMicros = Math.max(untilEnd, blockedNow ? blocked - now : 0);
    out.present = count > 0 || blockedNow;
    out.a = start;
    out.b = count;
    out.blockedUntil = blocked;
  }

  /** When the state stops mattering: afterwards it behaves exactly as an absent key. */
  static long expiresAt(LimitRule rule, LimitState state) {
    return state == null ? Long.MIN_VALUE : expiresAt(rule, state.a, state.blockedUntil);
  }

  /** {@link #expiresAt(LimitRule, LimitState)} of a present state's numbers. */
  static long expiresAt(LimitRule rule, long a, long blockedUntil) {
    long end = rule.kind() == LimitRule.Kind.TOKEN_BUCKET ? a : add(a, rule.periodMicros());
    return Math.max(end, blockedUntil);
  }

  /** Saturating a + b for non-negative b: times and costs must never wrap around. */
  static long add(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  static long mul(long points, long perPoint) {
    return points != 0 && perPoint > Long.MAX_VALUE / points ? Long.MAX_VALUE : points * perPoint;
  }
}
