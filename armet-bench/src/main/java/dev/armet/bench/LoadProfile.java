package dev.armet.bench;

import java.util.List;
import java.util.Locale;

/**
 * One target alone under load, for a profiler: starts it, warms it up, loads it and prints
 * throughput, CPU and allocation per request. Run it under JFR to see where the time goes:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=armet.jfr,settings=profile \
 *     -cp armet-bench/target/benchmarks.jar dev.armet.bench.LoadProfile armet 20
 * jfr view --width 200 hot-methods armet.jfr
 * </pre>
 */
public final class LoadProfile {
  private LoadProfile() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException(
          "usage: LoadProfile bare|armet|armet+nonce|noop-filter|headers-only|armet-full|express|..."
              + " [seconds]");
    }
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    LoadSettings settings = new LoadSettings(1, seconds, 10, 2, 50, List.of(args[0]));
    Wrk wrk = Wrk.find();
    LoadDriver driver = wrk != null ? wrk : new SocketLoad();
    try (Target target = Target.start(args[0])) {
      FullCheck.prepare(target);
      driver.run(target.url(), target.port(), target.cookie(), settings, settings.warmupSeconds());
      ServerCounters before = target.counters();
      LoadResult res = driver.run(target.url(), target.port(), target.cookie(), settings, seconds);
      ServerCounters after = target.counters();
      double requests = res.requestsPerSecond() * seconds;
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f req/s, p99 %.0f us, %.2f us CPU/req, %.0f B/req, errors %d%n",
          target.name(),
          res.requestsPerSecond(),
          res.p99Micros(),
          after.cpuMicrosPerRequest(before, requests),
          after.bytesPerRequest(before, requests),
          res.errors());
    }
  }
}
