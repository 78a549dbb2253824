package dev.armet.ratelimit;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records refusals as events, at most one per second per limiter with a count of the ones
 * skipped, so a flood cannot turn into a log flood.
 */
final class RefusalLog {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final SecurityEventSink events;
  private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
  private final AtomicLong suppressed = new AtomicLong();

  RefusalLog(SecurityEventSink events) {
    this.events = events;
  }

  void record(String type, String policy, RateLimitDecision decision) {
    long now = System.nanoTime();
    long prev = last.get();
    if (now - prev < INTERVAL_NANOS || !last.compareAndSet(prev, now)) {
      suppressed.incrementAndGet();
      return;
    }
    events.record(SecurityEvent.of(type).with("policy", policy)
        .with("retryAfterMillis", decision.retryAfter().toMillis())
        .with("suppressedSinceLast", suppressed.getAndSet(0)));
  }
}
