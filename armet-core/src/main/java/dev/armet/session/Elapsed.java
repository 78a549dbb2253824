package dev.armet.session;

import java.time.Duration;
import java.time.Instant;

/**
 * Compares the time between two instants with a duration without allocating: {@code
 * Duration.between} and {@code Instant.plus} each make an object, and the session read asks twice
 * per request (issue 18).
 */
final class Elapsed {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Elapsed() {}

  /** Whether {@code to - from < span}, exactly as {@code Duration.between(from, to)} compares. */
  static boolean lessThan(Instant from, Instant to, Duration span) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    long nanos = (long) to.getNano() - from.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += NANOS_PER_SECOND;
    }
    return seconds < span.getSeconds() || (seconds == span.getSeconds() && nanos < span.getNano());
  }
}
