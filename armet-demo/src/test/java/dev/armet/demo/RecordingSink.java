package dev.armet.demo;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A sink tests can wait on: each event is queued; {@link #await} blocks with a bound. */
final class RecordingSink implements SecurityEventSink {
  private final BlockingQueue<SecurityEvent> events = new LinkedBlockingQueue<>();

  @Override
  public void record(SecurityEvent event) {
    events.add(event);
  }

  /** The first event matching {@code filter} within {@code seconds}, or null. */
  SecurityEvent await(Predicate<SecurityEvent> filter, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      SecurityEvent e =
          events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null || filter.test(e)) {
        return e;
      }
    }
  }

  /** The events recorded so far and not yet taken by {@link #await}; takes them. */
  List<SecurityEvent> drain() {
    List<SecurityEvent> drained = new ArrayList<>();
    events.drainTo(drained);
    return drained;
  }

  void clear() {
    events.clear();
  }
}
