package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Elapsed#lessThan} answers what {@code Duration.between(from, to) < span} answers; the
 * millis forms answer so for the last instant of that millisecond.
 */
class ElapsedTest {
  @ParameterizedTest
  @CsvSource({
    // from seconds, from nanos, to seconds, to nanos, span seconds, span nanos
    "0, 0, 10, 0, 10, 0",
    "0, 0, 10, 0, 10, 1",
    "0, 0, 10, 0, 9, 999999999",
    "0, 500, 10, 499, 10, 0",
    "0, 500, 10, 500, 10, 0",
    "0, 500, 10, 501, 10, 0",
    "0, 999999999, 1, 0, 0, 1",
    "0, 999999999, 1, 0, 0, 2",
    "10, 0, 0, 0, -10, 0",
    "10, 0, 0, 0, -9, 999999999",
    "10, 1, 0, 0, -10, 0",
    "1700000000, 123, 1700086400, 122, 86400, 0",
    "1700000000, 123, 1700086400, 123, 86400, 0",
    "-31557014167219200, 0, 31556889864403199, 999999999, 9223372036854775807, 0",
  })
  void matchesDuration(long fs, int fn, long ts, int tn, long ss, int sn) {
    Instant from = Instant.ofEpochSecond(fs, fn);
    Instant to = Instant.ofEpochSecond(ts, tn);
    Duration span = Duration.ofSeconds(ss, sn);
    assertThat(Elapsed.lessThan(from, to, span))
        .as("%s -> %s < %s", from, to, span)
        .isEqualTo(Duration.between(from, to).compareTo(span) < 0);
  }

  @ParameterizedTest
  @CsvSource({
    // instant seconds, instant nanos, millis, span seconds, span nanos
    "0, 0, 0, 0, 0",
    "0, 0, 0, 0, 999999",
    "0, 0, 0, 0, 1000000",
    "0, 999999, 0, 0, 1",
    "0, 1000000, 0, 0, 1",
    "0, 1000000, 1, 0, 0",
    "10, 500000, 10000, 0, 0",
    "10, 500000, 9999, 0, 500000",
    "-1, 999500000, -1, 0, 0",
    "-1, 999999999, -1, 0, 0",
    "-1, 999000000, -1, 0, 1",
    "1700000000, 123000000, 1700000000123, 0, 999999",
    "1700000000, 123000000, 1700000000123, 0, 1000000",
  })
  void millisForms_matchTheLastInstantOfTheMillisecond(
      long s, int n, long millis, long ss, int sn) {
    Instant t = Instant.ofEpochSecond(s, n);
    Instant last = Instant.ofEpochMilli(millis).plusNanos(999_999);
    Duration span = Duration.ofSeconds(ss, sn);
    assertThat(Elapsed.isAfter(t, millis)).as("%s after %s", t, last).isEqualTo(t.isAfter(last));
    assertThat(Elapsed.lessThan(t, millis, span))
        .as("%s -> %s < %s", t, last, span)
        .isEqualTo(Duration.between(t, last).compareTo(span) < 0);
  }

  /** From millis: as {@code Duration.between} from the first instant of that millisecond. */
  @ParameterizedTest
  @CsvSource({
    // from millis, to seconds, to nanos, span seconds, span nanos
    "0, 10, 0, 10, 0",
    "0, 10, 0, 10, 1",
    "1, 10, 1000000, 10, 0",
    "1, 10, 999999, 10, 0",
    "1999, 10, 0, 8, 1000000",
    "1999, 10, 0, 8, 1000001",
    "-1, 0, 0, 0, 1000000",
    "-1, 0, 0, 0, 1000001",
    "1700000000123, 1700086400, 123000000, 86400, 0",
    "1700000000123, 1700086400, 122999999, 86400, 0",
  })
  void fromMillis_matchesDurationFromThatMillisecond(long fm, long ts, int tn, long ss, int sn) {
    Instant from = Instant.ofEpochMilli(fm);
    Instant to = Instant.ofEpochSecond(ts, tn);
    Duration span = Duration.ofSeconds(ss, sn);
    assertThat(Elapsed.lessThan(fm, to, span))
        .as("%s -> %s < %s", from, to, span)
        .isEqualTo(Duration.between(from, to).compareTo(span) < 0);
  }

  @ParameterizedTest
  @CsvSource({
    // t seconds, t nanos, millis
    "1, 0, 1000",
    "1, 1, 1000",
    "1, 999999, 1000",
    "0, 999999999, 1000",
    "-1, 999000001, -1",
    "-1, 999000000, -1",
  })
  void isAfterStartOf_isAfterTheFirstInstantOfThatMillisecond(long ts, int tn, long millis) {
    Instant t = Instant.ofEpochSecond(ts, tn);
    assertThat(Elapsed.isAfterStartOf(t, millis))
        .isEqualTo(t.isAfter(Instant.ofEpochMilli(millis)));
  }
}
