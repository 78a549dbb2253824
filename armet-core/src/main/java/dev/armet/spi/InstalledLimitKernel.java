package dev.armet.spi;

import dev.armet.internal.spi.LimitKernel;
import dev.armet.spi.RateLimitCommand.Operation;

/** {@link LimitArithmetic} for the in-memory store's one-key path: see {@link LimitKernel}. */
final class InstalledLimitKernel extends LimitKernel {
  @Override
  public void apply(
      LimitRule rule,
      boolean present,
      long a,
      long b,
      long blockedUntil,
      Operation op,
      long points,
      long blockMicros,
      long now,
      Out out) {
    LimitArithmetic.apply(rule, present, a, b, blockedUntil, op, points, blockMicros, now, out);
  }

  @Override
  public long expiresAt(LimitRule rule, Out out) {
    return out.present ? LimitArithmetic.expiresAt(rule, out.a, out.blockedUntil) : Long.MIN_VALUE;
  }

  @Override
  public LimitStatus status(
      LimitRule rule,
      boolean allowed,
      long remaining,
      long consumed,
      long resetMicros,
      long retryMicros) {
    return new LimitStatus(rule, allowed, remaining, consumed, resetMicros, retryMicros);
  }
}
