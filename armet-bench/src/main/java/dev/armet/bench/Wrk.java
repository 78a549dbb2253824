package dev.armet.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Debian's {@code wrk} against one URL and reads requests/s, p99 and errors from its report.
 */
final class Wrk implements LoadDriver {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("\\n\\s*99%\\s+([0-9.]+)(us|ms|s)\\b");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  private final String executable;

  Wrk(String executable) {
    this.executable = executable;
  }

  /** The {@code wrk} on the PATH, or null when there is none. */
  static Wrk find() {
    String path = LoadDriver.onPath("wrk");
    return path == null ? null : new Wrk(path);
  }

  @Override
  public String describe(LoadSettings s) {
    return "wrk -t"
        + s.threads()
        + " -c"
        + s.connections()
        + " -d"
        + s.seconds()
        + "s --timeout 10s --latency URL";
  }

  @Override
  public LoadResult run(String url, int port, LoadSettings s, int seconds)
      throws IOException, InterruptedException {
    return run(url, port, null, s, seconds);
  }

  @Override
  public LoadResult run(String url, int port, String cookie, LoadSettings s, int seconds)
      throws IOException, InterruptedException {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                executable,
                "-t" + s.threads(),
                "-c" + s.connections(),
                "-d" + seconds + "s",
                // wrk's default 2 s timeout drops a stalled request from the latency figures and
                // counts it as an error; 10 s keeps such stalls in the p99.
                "--timeout",
                "10s",
                "--latency"));
    if (cookie != null) {
      command.add("-H");
      command.add("Cookie: " + cookie);
    }
    command.add(url);
    String out = LoadDriver.output(command);
    return parse(out);
  }

  static LoadResult parse(String out) throws IOException {
    Matcher rps = RPS.matcher(out);
    Matcher p99 = P99.matcher(out);
    if (!rps.find() || !p99.find()) {
      throw new IOException("cannot read wrk's report:\n" + out);
    }
    double micros =
        Double.parseDouble(p99.group(1))
            * switch (p99.group(2)) {
              case "us" -> 1;
              case "ms" -> 1_000;
              default -> 1_000_000;
            };
    long errors = 0;
    Matcher socket = SOCKET_ERRORS.matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    return new LoadResult(Double.parseDouble(rps.group(1)), micros, errors);
  }
}
