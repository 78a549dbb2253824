package dev.armet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  @Test
  void advance_movesEveryViewOfTheTimeByExactlyThatMuch() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    clock.advance(Duration.ofSeconds(90).plusNanos(1_500));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:30.000001500Z"));
    assertThat(clock.millis()).isEqualTo(1_767_225_690_000L);
    assertThat(clock.micros()).isEqualTo(1_767_225_690_000_001L);
  }

  @Test
  void micros_beforeTheEpoch_countsBackwards() {
    assertThat(new MutableClock(Instant.parse("1969-12-31T23:59:59.999999Z")).micros())
        .isEqualTo(-1L);
  }

  @Test
  void zone_isUtc_andWithZoneKeepsOneTime() {
    MutableClock clock = new MutableClock();
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    java.time.Clock other = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(other.instant()).isEqualTo(clock.instant());
  }
}
