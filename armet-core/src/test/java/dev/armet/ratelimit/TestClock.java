package dev.armet.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand: no sleeps, exact edges. Shared with store modules via the test jar. */
public final class TestClock implements InstantSource {
  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  public TestClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public long micros() {
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }
}
