package dev.armet.servlet;

import java.util.concurrent.atomic.AtomicLong;

/** Lets one event a second through and counts the rest, so a flood cannot flood the log. */
final class EventGate {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
  private final AtomicLong skipped = new AtomicLong();

  /** The number of events held back since the last one passed, or -1 to hold this one back. */
  long pass() {
    long now = System.nanoTime();
    long prev = last.get();
    if (now - prev < INTERVAL_NANOS || !last.compareAndSet(prev, now)) {
      skipped.incrementAndGet();
      return -1;
    }
    return skipped.getAndSet(0);
  }
}
