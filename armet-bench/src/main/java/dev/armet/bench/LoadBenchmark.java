package dev.armet.bench;

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
 * {@code ArmetFilter} (defaults), and behind {@code ArmetFilter} with a CSP nonce, each in a JVM of
 * its own started with this JVM's flags ({@link TargetProcess}; {@code --same-jvm} serves them all
 * in this one, where the JIT's profiles of Jetty's shared code see every target's types) on
 * loopback random ports over plain HTTP (the filter is measured, not TLS), or with {@code --tls}
 * over HTTPS (HTTP/1.1, wrk) and with {@code --h2} over HTTP/2 (h2load), every target behind the
 * same TLS 1.3 setup ({@link BenchTls}); under TLS it also compares full handshakes per second
 * ({@link HandshakeComparison}). The {@code express*} targets are the Express stack in a node child
 * process ({@link ExpressStack}), loaded and pre-checked alike; their CPU is node's own.
 *
 * <p>After a warm-up, each round loads every target once for the same time, in an order that
 * alternates between rounds so that drift on a shared machine falls on both sides. Each filtered
 * target's throughput is divided by the bare target's <em>of the same round</em>; the report gives
 * the median of those ratios and their spread (min–max). It also reports the serving JVM's CPU time
 * per request (request threads, selectors, GC, JIT) and its allocation: on a machine where the load
 * generator and other work share the cores, that is the steadier measure of what the filter itself
 * costs, since throughput there also pays for the client parsing larger responses.
 *
 * <pre>
 * java -cp armet-bench/target/benchmarks.jar dev.armet.bench.LoadBenchmark \
 *     [--rounds 5] [--seconds 10] [--warmup 10] [--threads 2] [--connections 50] \
 *     [--targets bare,armet,armet+nonce] [--java-client] [--same-jvm] [--tls | --h2 [--streams 10]]
 * </pre>
 */
public final class LoadBenchmark {
  /** Targets that send no Content-Security-Policy (every other one must; helmet sends one). */
  private static final java.util.Set<String> NO_CSP =
      java.util.Set.of(
          "bare", "noop-filter", "jetty-session", "spring-security", "bucket4j", "armet-ratelimit");

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    String command = "armet-bench/run-load.sh " + String.join(" ", args);
    java.nio.file.Path report = null;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    int at = rest.indexOf("--report");
    if (at >= 0) {
      if (at + 1 >= rest.size()) {
        System.err.println(
            "--report needs a path prefix, e.g. docs/perf/full (writes .md and .svg)");
        System.exit(2);
        return;
      }
      report = java.nio.file.Path.of(rest.get(at + 1));
      rest.remove(at + 1);
      rest.remove(at);
    }
    args = rest.toArray(new String[0]);
    LoadSettings settings;
    try {
      settings = LoadSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean javaClient = Arrays.asList(args).contains("--java-client");
    boolean sameJvm = Arrays.asList(args).contains("--same-jvm");
    Transport transport = settings.transport();
    LoadDriver driver;
    if (transport == Transport.H2) {
      driver = H2load.find();
      if (driver == null) {
        System.err.println("--h2 needs h2load (apt-get install -y nghttp2-client)");
        System.exit(2);
        return;
      }
    } else {
      Wrk wrk = javaClient ? null : Wrk.find();
      driver = wrk != null ? wrk : new SocketLoad();
      if (transport == Transport.TLS && wrk == null) {
        System.err.println("--tls needs wrk (apt-get install -y wrk); the Java client has no TLS");
        System.exit(2);
        return;
      }
      if (wrk == null && !javaClient) {
        System.out.println(
            "wrk not found on PATH (apt-get install -y wrk); using the in-repo Java client");
      }
    }
    BenchTls tls = transport.secure() ? BenchTls.generate() : null;

    List<Target> targets = new ArrayList<>();
    try {
      for (String name : settings.targets()) {
        Target t = Target.open(name, tls, transport, !sameJvm);
        targets.add(t);
        FullCheck.prepare(t);
      }
      check(targets);
      printHeader(settings, driver, targets);
      String loadBefore = loadAverage();
      for (Target t : targets) {
        driver.run(t.url(), t.port(), t.cookie(), settings, settings.warmupSeconds());
      }
      double[][] rps = new double[targets.size()][settings.rounds()];
      double[][] p99 = new double[targets.size()][settings.rounds()];
      double[][] cpu = new double[targets.size()][settings.rounds()];
      double[][] alloc = new double[targets.size()][settings.rounds()];
      long[] errors = new long[targets.size()];
      for (int r = 0; r < settings.rounds(); r++) {
        for (int k = 0; k < targets.size(); k++) {
          int i = r % 2 == 0 ? k : targets.size() - 1 - k;
          Target t = targets.get(i);
          ServerCounters before = t.counters();
          LoadResult res = driver.run(t.url(), t.port(), t.cookie(), settings, settings.seconds());
          ServerCounters after = t.counters();
          double requests = res.requestsPerSecond() * settings.seconds();
          rps[i][r] = res.requestsPerSecond();
          p99[i][r] = res.p99Micros();
          cpu[i][r] = after.cpuMicrosPerRequest(before, requests);
          alloc[i][r] = after.bytesPerRequest(before, requests);
          errors[i] += res.errors();
          System.out.printf(
              Locale.ROOT,
              "round %d  %-22s %8.0f req/s  p99 %7.0f us  server %6.2f us CPU/req %6s B/req%s%n",
              r + 1,
              t.name(),
              res.requestsPerSecond(),
              res.p99Micros(),
              cpu[i][r],
              bytes(alloc[i][r]),
              res.errors() == 0 ? "" : "  ERRORS " + res.errors());
        }
      }
      printSummary(targets, rps, p99, cpu, alloc, errors, sameJvm && driver instanceof SocketLoad);
      String handshakes = "";
      if (tls != null) {
        handshakes = HandshakeComparison.run(targets, tls, settings);
        System.out.println();
        System.out.print(handshakes);
        System.out.println();
      }
      String environment =
          String.format(
              Locale.ROOT,
              "Run %s; JDK %s, %d CPUs; %s; %s; %d rounds × %d s after a"
                  + " %d s warm-up per target, order alternating; load average (1/5/15 min) %s at the start, %s at the end.",
              Instant.now(),
              Runtime.version(),
              Runtime.getRuntime().availableProcessors(),
              jvms(sameJvm),
              driver.describe(settings) + transport.describe(),
              settings.rounds(),
              settings.seconds(),
              settings.warmupSeconds(),
              loadBefore,
              loadAverage());
      if (targets.stream().anyMatch(t -> ExpressStack.isTarget(t.name()))) {
        environment += " " + ExpressStack.note();
      }
      System.out.println(environment);
      if (report != null) {
        List<LoadReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
          double[] cost = ratios(cpu[i], cpu[0]);
          rows.add(
              new LoadReport.Row(
                  targets.get(i).name() + (errors[i] == 0 ? "" : " (ERRORS " + errors[i] + ")"),
                  median(rps[i]),
                  min(rps[i]),
                  max(rps[i]),
                  median(cpu[i]),
                  median(alloc[i]),
                  median(ratios(rps[i], rps[0])),
                  median(cost),
                  min(cost),
                  max(cost)));
        }
        LoadReport.write(
            report,
            command,
            handshakes.isEmpty() ? environment : environment + "\n\n" + handshakes.strip(),
            rows);
        System.out.println("wrote " + report + ".md and " + report + ".svg");
      }
    } finally {
      for (Target t : targets) {
        t.close();
      }
    }
  }

  /**
   * Refuses to measure a setup that is wrong: a target sends a CSP exactly when it should, and no
   * header twice; a full-stack target reads the session and its limiter admits ({@link
   * FullCheck#verify}).
   */
  private static void check(List<Target> targets) throws Exception {
    for (Target t : targets) {
      try (HttpClient client = t.newClient()) {
        FullCheck.verify(t);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(t.url()));
        if (t.cookie() != null) {
          req.header("Cookie", t.cookie());
        }
        HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        FullCheck.protocol(t, res);
        boolean csp = res.headers().firstValue("Content-Security-Policy").isPresent();
        boolean wantsCsp = !NO_CSP.contains(t.name());
        boolean duplicates = res.headers().map().values().stream().anyMatch(v -> v.size() > 1);
        if (res.statusCode() != 200 || csp != wantsCsp || duplicates) {
          throw new IllegalStateException(
              t.name() + " answered " + res.statusCode() + " with " + res.headers().map().keySet());
        }
      }
    }
  }

  /** How the Java targets were served, for the report. */
  private static String jvms(boolean sameJvm) {
    return sameJvm
        ? "every Java target in the harness's JVM (--same-jvm)"
        : "each Java target in a JVM of its own ("
            + String.join(" ", TargetProcess.jvmFlags())
            + ")";
  }

  private static String loadAverage() {
    try {
      String[] f =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void printHeader(LoadSettings s, LoadDriver driver, List<Target> targets) {
    System.out.printf(
        Locale.ROOT,
        "date %s, JDK %s (%s), %d CPUs%n",
        Instant.now(),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "load: %s; %d rounds after a %d s warm-up per target%n",
        driver.describe(s) + s.transport().describe(),
        s.rounds(),
        s.warmupSeconds());
    for (Target t : targets) {
      System.out.println("target " + t.name() + " " + t.url());
    }
  }

  private static void printSummary(
      List<Target> targets,
      double[][] rps,
      double[][] p99,
      double[][] cpu,
      double[][] alloc,
      long[] errors,
      boolean clientInProcess) {
    String star = clientInProcess ? "*" : "";
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-22s %12s %15s %12s %12s %10s%n",
        "target",
        "median req/s",
        "min–max req/s",
        "median p99",
        "CPU us/req" + star,
        "B/req" + star);
    for (int i = 0; i < targets.size(); i++) {
      System.out.printf(
          Locale.ROOT,
          "%-22s %12.0f %7.0f–%-7.0f %9.0f us %12.2f %10s%s%n",
          targets.get(i).name(),
          median(rps[i]),
          min(rps[i]),
          max(rps[i]),
          median(p99[i]),
          median(cpu[i]),
          bytes(median(alloc[i])),
          errors[i] == 0 ? "" : "  ERRORS " + errors[i] + ": not a valid run");
    }
    String base = targets.get(0).name();
    for (int i = 1; i < targets.size(); i++) {
      String name = targets.get(i).name();
      double[] tput = ratios(rps[i], rps[0]);
      double[] lat = ratios(p99[i], p99[0]);
      double[] cost = ratios(cpu[i], cpu[0]);
      System.out.printf(
          Locale.ROOT,
          "%s / %s throughput: median %.3f (spread %.3f–%.3f over %d rounds); cost %.1f%%%n",
          name,
          base,
          median(tput),
          min(tput),
          max(tput),
          tput.length,
          (1 - median(tput)) * 100);
      System.out.printf(
          Locale.ROOT,
          "%s / %s p99: median %.3f (spread %.3f–%.3f)%n",
          name,
          base,
          median(lat),
          min(lat),
          max(lat));
      System.out.printf(
          Locale.ROOT,
          "%s / %s server CPU per request: median %.3f (spread %.3f–%.3f)%n",
          name,
          base,
          median(cost),
          min(cost),
          max(cost));
    }
    if (clientInProcess) {
      System.out.println(
          "* CPU and allocation per request include the in-process Java load client");
    }
    if (targets.stream().anyMatch(t -> ExpressStack.isTarget(t.name()))) {
      System.out.println(ExpressStack.note());
    }
  }

  /** Bytes per request as the console shows them: {@code n/a} where not measured (node). */
  private static String bytes(double perRequest) {
    return Double.isNaN(perRequest) ? "n/a" : String.format(Locale.ROOT, "%.0f", perRequest);
  }

  /** Per-round ratios {@code a[r] / b[r]}: each against the baseline of the same round. */
  private static double[] ratios(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int r = 0; r < out.length; r++) {
      out[r] = a[r] / b[r];
    }
    return out;
  }

  static double median(double[] values) {
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
