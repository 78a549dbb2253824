package dev.armet.bench;

import dev.armet.servlet.ArmetFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end load benchmark: a bare Jetty 12 hello-world servlet against the same servlet behind
 * {@link ArmetFilter} (defaults), and behind {@link ArmetFilter} with a CSP nonce, all in this
 * JVM on loopback random ports over plain HTTP (the filter is measured, not TLS).
 *
 * <p>After a warm-up, each round loads every target once for the same time, in an order that
 * alternates between rounds so that drift on a shared machine falls on both sides. Each
 * filtered target's throughput is divided by the bare target's <em>of the same round</em>; the
 * report gives the median of those ratios and their spread (min–max).
 *
 * <pre>
 * java -cp armet-bench/target/benchmarks.jar dev.armet.bench.LoadBenchmark \
 *     [--rounds 5] [--seconds 10] [--warmup 10] [--threads 2] [--connections 50] \
 *     [--java-client] [--no-nonce]
 * </pre>
 */
public final class LoadBenchmark {
  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    LoadSettings settings = LoadSettings.parse(args);
    boolean javaClient = Arrays.asList(args).contains("--java-client");
    boolean nonce = !Arrays.asList(args).contains("--no-nonce");
    Wrk wrk = javaClient ? null : Wrk.find();
    LoadDriver driver = wrk != null ? wrk : new SocketLoad();
    if (wrk == null && !javaClient) {
      System.out.println("wrk not found on PATH (apt-get install -y wrk); using the in-repo Java client");
    }

    List<Target> targets = new ArrayList<>();
    try {
      targets.add(Target.start("bare", null));
      targets.add(Target.start("armet", ArmetFilter.defaults()));
      if (nonce) {
        targets.add(Target.start("armet+nonce", ArmetFilter.create(a -> a
            .headers(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src"))))));
      }
      check(targets);
      printHeader(settings, driver, targets);
      for (Target t : targets) {
        driver.run(t.url(), t.port(), settings, settings.warmupSeconds());
      }
      double[][] rps = new double[targets.size()][settings.rounds()];
      double[][] p99 = new double[targets.size()][settings.rounds()];
      for (int r = 0; r < settings.rounds(); r++) {
        for (int k = 0; k < targets.size(); k++) {
          int i = r % 2 == 0 ? k : targets.size() - 1 - k;
          Target t = targets.get(i);
          LoadResult res = driver.run(t.url(), t.port(), settings, settings.seconds());
          rps[i][r] = res.requestsPerSecond();
          p99[i][r] = res.p99Micros();
          System.out.printf(Locale.ROOT, "round %d  %-12s %10.0f req/s  p99 %8.0f us%s%n", r + 1, t.name(),
              res.requestsPerSecond(), res.p99Micros(), res.errors() == 0 ? "" : "  ERRORS " + res.errors());
        }
      }
      printSummary(targets, rps, p99);
    } finally {
      for (Target t : targets) {
        t.close();
      }
    }
  }

  /** Refuses to measure a setup that is wrong: the bare target must send no CSP, the others must. */
  private static void check(List<Target> targets) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      for (Target t : targets) {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(t.url())).build(),
            HttpResponse.BodyHandlers.ofString());
        boolean csp = res.headers().firstValue("Content-Security-Policy").isPresent();
        if (res.statusCode() != 200 || csp == t.name().equals("bare")) {
          throw new IllegalStateException(t.name() + " answered " + res.statusCode() + " with "
              + res.headers().map().keySet());
        }
      }
    }
  }

  private static void printHeader(LoadSettings s, LoadDriver driver, List<Target> targets) {
    System.out.printf(Locale.ROOT, "date %s, JDK %s (%s), %d CPUs%n", Instant.now(),
        Runtime.version(), System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "load: %s; %d rounds after a %d s warm-up per target%n",
        driver.describe(s), s.rounds(), s.warmupSeconds());
    for (Target t : targets) {
      System.out.println("target " + t.name() + " " + t.url());
    }
  }

  private static void printSummary(List<Target> targets, double[][] rps, double[][] p99) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-12s %12s %14s %12s%n", "target", "median req/s", "min–max req/s",
        "median p99");
    for (int i = 0; i < targets.size(); i++) {
      System.out.printf(Locale.ROOT, "%-12s %12.0f %6.0f–%-7.0f %9.0f us%n", targets.get(i).name(),
          median(rps[i]), min(rps[i]), max(rps[i]), median(p99[i]));
    }
    for (int i = 1; i < targets.size(); i++) {
      double[] ratio = new double[rps[0].length];
      for (int r = 0; r < ratio.length; r++) {
        ratio[r] = rps[i][r] / rps[0][r];
      }
      System.out.printf(Locale.ROOT,
          "%s / bare throughput: median %.3f (spread %.3f–%.3f over %d rounds); cost %.1f%%%n",
          targets.get(i).name(), median(ratio), min(ratio), max(ratio), ratio.length,
          (1 - median(ratio)) * 100);
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
