package dev.armet.spi;

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
    return rule.kind() == LimitRule.Kind.TOKEN_BUCKET
        ? bucket(rule, state, op, points, blockMicros, now, next, i)
        : window(rule, state, op, points, blockMicros, now, next, i);
  }

  private static LimitStatus bucket(
      LimitRule rule,
      LimitState state,
      Operation op,
      long points,
      long blockMicros,
      long now,
      LimitState[] out,
      int i) {
    long t = rule.periodMicros();
    long tolerance = rule.windowMicros();
    long tat = state == null ? now : Math.max(state.a, now);
    long blocked = state == null ? 0 : state.blockedUntil;
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
    long retry =
        allowed ? 0 : Math.max(blockedNow ? blocked - now : 0, add(used, probe) - tolerance);
    long remaining = blockedNow ? 0 : Math.floorDiv(tolerance - used, t);
    long consumed = used == 0 ? 0 : (used + t - 1) / t;
    long reset = Math.max(used, blockedNow ? blocked - now : 0);
    out[i] = Math.max(tat, blocked) > now ? new LimitState(tat, 0, blocked) : null;
    return new LimitStatus(rule, allowed, remaining, consumed, reset, retry);
  }

  private static LimitStatus window(
      LimitRule rule,
      LimitState state,
      Operation op,
      long points,
      long blockMicros,
      long now,
      LimitState[] out,
      int i) {
    long w = rule.periodMicros();
    boolean fresh = state == null || now >= add(state.a, w);
    long start = fresh ? now : state.a;
    long count = fresh ? 0 : state.b;
    long blocked = state == null ? 0 : state.blockedUntil;
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
    long retry = allowed ? 0 : Math.max(blockedNow ? blocked - now : 0, overLimit ? untilEnd : 0);
    long remaining = blockedNow ? 0 : rule.limit() - count;
    long reset = Math.max(untilEnd, blockedNow ? blocked - now : 0);
    out[i] = count > 0 || blockedNow ? new LimitState(start, count, blocked) : null;
    return new LimitStatus(rule, allowed, remaining, count, reset, retry);
  }

  /** When the state stops mattering: afterwards it behaves exactly as an absent key. */
  static long expiresAt(LimitRule rule, LimitState state) {
    if (state == null) {
      return Long.MIN_VALUE;
    }
    long end =
        rule.kind() == LimitRule.Kind.TOKEN_BUCKET ? state.a : add(state.a, rule.periodMicros());
    return Math.max(end, state.blockedUntil);
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
