package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Elapsed#lessThan} answers what {@code Duration.between(from, to) < span} answers. */
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
}
