package dev.armet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading h2load 1.52's report: a run with failures must never read as a clean, fast one. */
class H2loadTest {
  private static final String CLEAN =
      """
      starting benchmark...
      spawning thread #0: 2 total client(s). 20 total requests
      Application protocol: h2
      progress: 100% done

      finished in 3.00s, 13830.35 req/s, 1.66MB/s
      requests: 41491 total, 41500 started, 41491 done, 41491 succeeded, 0 failed, 0 errored, 0 timeout
      status codes: 41491 2xx, 0 3xx, 0 4xx, 0 5xx
      traffic: 4.98MB (5222860) total, 2.34MB (2455440) headers (space savings 28.43%), 749.57KB (767568) data
                           min         max         mean         sd        +/- sd
      time for request:      215us      1.51ms       618us       355us    80.00%
      req/s           :    1421.19     1436.95     1429.07       11.14   100.00%
      """;

  /** Every request answered 404: h2load still prints a rate (and exits 0). */
  private static final String NOT_FOUND =
      """
      finished in 10.45ms, 1913.51 req/s, 155.57KB/s
      requests: 20 total, 20 started, 20 done, 0 succeeded, 20 failed, 0 errored, 0 timeout
      status codes: 0 2xx, 0 3xx, 20 4xx, 0 5xx
      """;

  /** No connection could be made (h2load exits 0 here too). */
  private static final String REFUSED =
      """
      finished in 68.24ms, 0.00 req/s, 0B/s
      requests: 10 total, 0 started, 0 done, 0 succeeded, 10 failed, 10 errored, 0 timeout
      status codes: 0 2xx, 0 3xx, 0 4xx, 0 5xx
      """;

  @Test
  void parse_cleanRun_readsTheRateAndNoErrors() throws IOException {
    LoadResult r = H2load.parse(CLEAN);
    assertThat(r.requestsPerSecond()).isEqualTo(13830.35);
    assertThat(r.errors()).isZero();
  }

  @Test
  void parse_someFailedAndTimedOut_countsThemAsErrors() throws IOException {
    String partial =
        CLEAN.replace(
            "41491 succeeded, 0 failed, 0 errored, 0 timeout",
            "41480 succeeded, 11 failed, 4 errored, 2 timeout");
    assertThat(H2load.parse(partial).errors()).isEqualTo(13);
  }

  @Test
  void parse_everyAnswer404_isErrorsNotAFastRun() throws IOException {
    LoadResult r = H2load.parse(NOT_FOUND);
    assertThat(r.errors()).isEqualTo(20);
  }

  @Test
  void parse_noConnection_isAnError() throws IOException {
    assertThat(H2load.parse(REFUSED).errors()).isEqualTo(10);
  }

  @Test
  void parse_nothingSucceededAndNothingCounted_isStillAnError() throws IOException {
    String empty =
        "finished in 1.00s, 0.00 req/s, 0B/s\n"
            + "requests: 0 total, 0 started, 0 done, 0 succeeded, 0 failed, 0 errored, 0 timeout\n";
    assertThat(H2load.parse(empty).errors()).isPositive();
  }

  @Test
  void parse_garbage_isRefused() {
    assertThatThrownBy(() -> H2load.parse("h2load: unrecognized option '--x'\nUsage: h2load"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot read h2load's report");
  }

  @Test
  void parse_rateWithoutTheRequestsLine_isRefused() {
    assertThatThrownBy(() -> H2load.parse("finished in 3.00s, 13830.35 req/s, 1.66MB/s\n"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void p99Micros_readsTheThirdColumnOfTheLog(@TempDir Path dir) throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      log.append(1_700_000_000_000_000L + i).append("\t200\t").append(i * 10).append('\n');
    }
    Path file = dir.resolve("log.tsv");
    Files.writeString(file, log);
    assertThat(H2load.p99Micros(file)).isEqualTo(1980.0);
  }

  @Test
  void p99Micros_emptyLog_isNaN(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("log.tsv"));
    assertThat(H2load.p99Micros(file)).isNaN();
  }
}
