package dev.armet.session;

import java.time.Duration;
import java.time.Instant;

/**
 * Compares the time between two instants with a duration without allocating: {@code
 * Duration.between} and {@code Instant.plus} each make an object, and the session read asks twice
 * per request (issue 18). The session read compares with the clock's millis, no {@code Instant}
 * either, taking the last instant of that millisecond: rounding can only end a session sooner (by
 * less than a millisecond), never accept one past its expiry.
 */
final class Elapsed {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Elapsed() {}

  /** Whether {@code to - from < span}, exactly as {@code Duration.between(from, to)} compares. */
  static boolean lessThan(Instant from, Instant to, Duration span) {
    return lessThan(from, to.getEpochSecond(), to.getNano(), span);
  }

  /** As {@link #lessThan(Instant, Instant, Duration)}, to the last instant of {@code toMillis}. */
  static boolean lessThan(Instant from, long toMillis, Duration span) {
    return lessThan(from, Math.floorDiv(toMillis, 1000), lastNanoOf(toMillis), span);
  }

  /**
   * As {@link #lessThan(Instant, Instant, Duration)}, from the first instant of {@code fromMillis}:
   * rounding can only make the span look longer, by less than a millisecond.
   */
  static boolean lessThan(long fromMillis, Instant to, Duration span) {
    long seconds = to.getEpochSecond() - Math.floorDiv(fromMillis, 1000);
    long nanos = (long) to.getNano() - Math.floorMod(fromMillis, 1000) * 1_000_000L;
    if (nanos < 0) {
      seconds--;
      nanos += NANOS_PER_SECOND;
    }
    return seconds < span.getSeconds() || (seconds == span.getSeconds() && nanos < span.getNano());
  }

  /** Whether {@code t} is after the last instant of the millisecond {@code millis}. */
  static boolean isAfter(Instant t, long millis) {
    long seconds = Math.floorDiv(millis, 1000);
    return t.getEpochSecond() > seconds
        || (t.getEpochSecond() == seconds && t.getNano() > lastNanoOf(millis));
  }

  /** Whether {@code t} is after the first instant of the millisecond {@code millis}. */
  static boolean isAfterStartOf(Instant t, long millis) {
    long seconds = Math.floorDiv(millis, 1000);
    return t.getEpochSecond() > seconds
        || (t.getEpochSecond() == seconds && t.getNano() > Math.floorMod(millis, 1000) * 1_000_000);
  }

  /** The nano-of-second of the last instant in the millisecond {@code millis}. */
  private static int lastNanoOf(long millis) {
    return Math.floorMod(millis, 1000) * 1_000_000 + 999_999;
  }

  private static boolean lessThan(Instant from, long toSeconds, int toNanos, Duration span) {
    long seconds = toSeconds - from.getEpochSecond();
    long nanos = (long) toNanos - from.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += NANOS_PER_SECOND;
    }
    return seconds < span.getSeconds() || (seconds == span.getSeconds() && nanos < span.getNano());
  }
}
