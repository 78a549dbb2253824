package dev.armet.event;

/** One event type's token bucket in an {@link EventGate}, with the count it held back. */
final class TypeBudget {
  private double tokens;
  private long refilledAt;
  private long suppressed;

  TypeBudget(long now, int burst) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  /**
   * Takes a token: the count held back until now (then reset), or -1 when this event is held back.
   */
  synchronized long take(long now, int burst, long intervalNanos) {
    refill(now, burst, intervalNanos);
    if (tokens < 1) {
      suppressed++;
      return -1;
    }
    tokens -= 1;
    long held = suppressed;
    suppressed = 0;
    return held;
  }

  /**
   * The pending count (then reset, spending a token) when the budget has a token again; -1 when a
   * count is pending but the type is still over budget; 0 when nothing is pending.
   */
  synchronized long drainIfQuiet(long now, int burst, long intervalNanos) {
    if (suppressed == 0) {
      return 0;
    }
    refill(now, burst, intervalNanos);
    if (tokens < 1) {
      return -1;
    }
    tokens -= 1;
    return drain();
  }

  synchronized long drain() {
    long held = suppressed;
    suppressed = 0;
    return held;
  }

  private void refill(long now, int burst, long intervalNanos) {
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + (double) elapsed / intervalNanos);
      refilledAt = now;
    }
  }
}
