package dev.armet.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The one way tests wait for something another thread or process does: check, park a few
 * milliseconds, check again, and give up with the reason after a bound. Parking (not spinning)
 * leaves the CPU to the thread being waited for, which matters on a 2-core CI machine; the bound
 * turns a hang into a failure that says what never happened. Never a sleep standing in for
 * synchronisation, never an assertion on how long it took.
 *
 * <pre>{@code
 * Poll.until(Duration.ofSeconds(10), "the purge ran", () -> rows(table) == 0);
 * }</pre>
 */
public final class Poll {
  /** Between two checks: short enough to react fast, long enough to cost no CPU. */
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private Poll() {}

  /** Waits until {@code condition} holds; fails naming {@code what} after {@code bound}. */
  public static void until(Duration bound, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + bound + ": " + what);
      }
      LockSupport.parkNanos(PARK_NANOS);
    }
  }

  /**
   * Calls {@code probe} until {@code done} accepts its answer, and returns that answer; fails with
   * the last answer seen after {@code bound}.
   */
  public static <T> T until(Duration bound, String what, Callable<T> probe, Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      T last = probe.call();
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + bound + ": " + what + " (last: " + last + ")");
      }
      LockSupport.parkNanos(PARK_NANOS);
    }
  }
}
