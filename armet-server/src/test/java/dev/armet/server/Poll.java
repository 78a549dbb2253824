package dev.armet.server;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition by polling it, within a bound: no sleeps standing in for synchronisation. */
final class Poll {
  private Poll() {}

  static <T> T until(Duration bound, String what, Callable<T> probe, java.util.function.Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.call();
      if (done.test(last)) {
        return last;
      }
      // Park between checks: some probes are whole TLS handshakes, and the cores are shared.
      java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
    }
    throw new AssertionError("not within " + bound + ": " + what + " (last: " + last + ")");
  }
}
