package dev.armet.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock tests move by hand: expiry, windows and lock-outs are tested by advancing time,
 * never by sleeping, with exact edges. In the core test-jar, for the store modules' tests too.
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public MutableClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Microseconds since the epoch, as rate-limit commands count time. */
  public long micros() {
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
