package dev.armet.spi;

import java.time.Duration;

/** Where one key stands against one policy after a decision: what the headers report. */
public final class LimitStatus {
  private final String policy;
  private final boolean allowed;
  private final long limit;
  private final long remaining;
  private final long consumed;
  private final long resetMicros;
  private final long retryMicros;
  private final long windowMicros;
  private final boolean dryRun;

  LimitStatus(
      LimitRule rule,
      boolean allowed,
      long remaining,
      long consumed,
      long resetMicros,
      long retryMicros) {
    this.policy = rule.name();
    this.allowed = allowed;
    this.limit = rule.limit();
    this.remaining = Math.max(0, remaining);
    this.consumed = Math.max(0, consumed);
    this.resetMicros = Math.max(0, resetMicros);
    this.retryMicros = Math.max(0, retryMicros);
    this.windowMicros = rule.windowMicros();
    this.dryRun = rule.dryRun();
  }

  public String policy() {
    return policy;
  }

  /** Whether this policy alone would let the request through. */
  public boolean allowed() {
    return allowed;
  }

  public long limit() {
    return limit;
  }

  public long remaining() {
    return remaining;
  }

  /**
   * Points in use: spent in this window, or tokens missing from the bucket (may exceed limit after
   * penalties).
   */
  public long consumed() {
    return consumed;
  }

  /** Until the window ends or the bucket is full again. */
  public Duration reset() {
    return Duration.ofNanos(
        Math.multiplyExact(Math.min(resetMicros, Long.MAX_VALUE / 1000), 1000L));
  }

  /** When refused: how long until a request of the same cost can pass. */
  public Duration retryAfter() {
    return Duration.ofNanos(Math.min(retryMicros, Long.MAX_VALUE / 1000) * 1000L);
  }

  /** The policy's window (or full-refill time), for {@code RateLimit-Policy}'s {@code w}. */
  public Duration window() {
    return Duration.ofNanos(Math.min(windowMicros, Long.MAX_VALUE / 1000) * 1000L);
  }

  public boolean dryRun() {
    return dryRun;
  }

  @Override
  public String toString() {
    return policy
        + (allowed ? " allowed" : " refused")
        + " remaining="
        + remaining
        + "/"
        + limit
        + " reset="
        + reset()
        + (allowed ? "" : " retryAfter=" + retryAfter())
        + (dryRun ? " (dry run)" : "");
  }
}
