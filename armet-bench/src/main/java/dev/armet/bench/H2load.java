package dev.armet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs nghttp2's {@code h2load} (Debian's nghttp2-client) against one HTTPS URL over HTTP/2, for
 * {@code --h2}: {@code -t} threads, {@code -c} connections held open, {@code -m} concurrent streams
 * on each, for {@code -D} seconds. Requests/s and failures come from its report; p99 from its
 * per-request log, since h2load prints no percentiles. No {@code --warm-up-time}: the harness reads
 * the server's CPU around the whole run, so every request h2load makes must be in its count. The
 * first {@code -c × -m} requests wait for their connection's handshake, which lifts p99 on runs
 * shorter than about 100 × that many requests.
 */
final class H2load implements LoadDriver {
  private static final Pattern RPS = Pattern.compile("finished in [0-9.]+[mu]?s, ([0-9.]+) req/s");
  private static final Pattern REQUESTS =
      Pattern.compile(
          "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded,"
              + " (\\d+) failed, (\\d+) errored, (\\d+) timeout");
  private static final Pattern STATUS =
      Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");

  private final String executable;

  H2load(String executable) {
    this.executable = executable;
  }

  /** The h2load on the PATH, or null when there is none. */
  static H2load find() {
    String path = LoadDriver.onPath("h2load");
    return path == null ? null : new H2load(path);
  }

  @Override
  public String describe(LoadSettings s) {
    return "h2load -t"
        + s.threads()
        + " -c"
        + s.connections()
        + " -m"
        + s.streams()
        + " -D"
        + s.seconds()
        + " URL (HTTP/2, connections kept open)";
  }

  @Override
  public LoadResult run(String url, int port, LoadSettings s, int seconds) throws Exception {
    return run(url, port, null, s, seconds);
  }

  @Override
  public LoadResult run(String url, int port, String cookie, LoadSettings s, int seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("armet-h2load", ".tsv");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  executable,
                  "-t" + s.threads(),
                  "-c" + s.connections(),
                  "-m" + s.streams(),
                  "-D" + seconds,
                  "--log-file=" + log));
      if (cookie != null) {
        command.add("-H");
        command.add("Cookie: " + cookie);
      }
      command.add(url);
      String out = LoadDriver.output(command);
      LoadResult counts = parse(out);
      return new LoadResult(counts.requestsPerSecond(), p99Micros(log), counts.errors());
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Requests/s and errors from h2load's report (p99 NaN: it is not there). Errors are the failed
   * requests (h2load counts non-2xx/3xx responses and errored ones there), the timeouts, the 3xx
   * answers (no target redirects), and at least one when nothing succeeded; a report without its
   * requests line is refused, so that a broken run never reads as a fast one.
   */
  static LoadResult parse(String out) throws IOException {
    Matcher rps = RPS.matcher(out);
    Matcher requests = REQUESTS.matcher(out);
    if (!rps.find() || !requests.find()) {
      throw new IOException("cannot read h2load's report:\n" + out);
    }
    long succeeded = Long.parseLong(requests.group(4));
    long failed = Long.parseLong(requests.group(5));
    long timeout = Long.parseLong(requests.group(7));
    long errors = failed + timeout;
    Matcher status = STATUS.matcher(out);
    if (status.find()) {
      errors += Long.parseLong(status.group(2));
    }
    if (succeeded == 0) {
      errors = Math.max(errors, 1);
    }
    return new LoadResult(Double.parseDouble(rps.group(1)), Double.NaN, errors);
  }

  /** The 99th percentile of the third column (µs to the end of the response) of h2load's log. */
  static double p99Micros(Path log) throws IOException {
    long[] micros;
    try (var lines = Files.lines(log, StandardCharsets.US_ASCII)) {
      micros =
          lines
              .map(l -> l.split("\t"))
              .filter(f -> f.length >= 3)
              .mapToLong(f -> Long.parseLong(f[2].strip()))
              .sorted()
              .toArray();
    }
    if (micros.length == 0) {
      return Double.NaN;
    }
    return micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.99) - 1)];
  }
}
