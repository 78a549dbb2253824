package dev.armet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Express stack of issue 18 as a load target: Express 5 with helmet, express-session, csrf-csrf
 * and rate-limiter-flexible ({@code src/main/node/express-stack/app.js}), run by {@code node} as a
 * child process on a loopback random port.
 *
 * <ul>
 *   <li>{@code express}: express-session's MemoryStore and RateLimiterMemory, one process.
 *   <li>{@code express-redis}: connect-redis and RateLimiterRedis on the harness's Redis, under a
 *       key prefix of the run, one process (Node runs JavaScript on one thread).
 *   <li>{@code express-redis-cluster}: the same in node:cluster with {@code
 *       armet.bench.express.workers} (default 2) workers sharing the port.
 * </ul>
 *
 * <p>Its CPU is node's (every process of it, from /proc); its allocation is not measured. The
 * process is stopped by {@link #close()}, or by a shutdown hook if the harness is interrupted.
 */
final class ExpressStack implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread hook;
  private int port;

  private ExpressStack(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.hook = new Thread(this::stop, "stop " + name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** For the report: what the express rows measure, with node's version. */
  static String note() {
    String version;
    try {
      version = LoadDriver.output(List.of(LoadDriver.onPath("node"), "--version")).strip();
    } catch (IOException | RuntimeException e) {
      version = "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      version = "unknown";
    }
    return "express targets: node "
        + version
        + ", one process (express-redis-cluster: node:cluster with "
        + System.getProperty("armet.bench.express.workers", "2")
        + " workers); server CPU is node's own from /proc, every process of it; B/req n/a (V8's"
        + " heap is not comparable with the JVM's).";
  }

  static boolean isTarget(String name) {
    return name.equals("express")
        || name.equals("express-redis")
        || name.equals("express-redis-cluster");
  }

  /** Installs the app if needed, starts it and waits until it listens. */
  static ExpressStack start(String name) throws IOException, InterruptedException {
    if (!isTarget(name)) {
      throw new IllegalArgumentException("not an express target: " + name);
    }
    Path dir = ExpressInstall.installed();
    Path portFile = dir.resolve(name + ".port");
    Path log = dir.resolve(name + ".log");
    Files.deleteIfExists(portFile);
    ProcessBuilder pb =
        new ProcessBuilder(LoadDriver.onPath("node"), "app.js")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    var env = pb.environment();
    env.put("NODE_ENV", "production");
    env.put("ARMET_BENCH_PORT_FILE", portFile.toString());
    env.put("ARMET_BENCH_STORE", name.equals("express") ? "memory" : "redis");
    env.put("ARMET_BENCH_REDIS", FullStack.REDIS);
    env.put(
        "ARMET_BENCH_PREFIX",
        System.getProperty("armet.bench.redis.prefix", "armet-bench-" + UUID.randomUUID() + ":")
            + name
            + ":");
    env.put(
        "ARMET_BENCH_WORKERS",
        name.endsWith("-cluster") ? System.getProperty("armet.bench.express.workers", "2") : "1");
    ExpressStack stack = new ExpressStack(name, pb.start(), log);
    try {
      stack.port = stack.awaitPort(portFile);
      return stack;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Polls for the port file the app writes once it listens, for at most {@link #START}. */
  private int awaitPort(Path portFile) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(portFile)) {
        return Integer.parseInt(Files.readString(portFile).strip());
      }
      if (!process.isAlive()) {
        throw new IOException(
            name + ": node exited with " + process.exitValue() + ":\n" + logText());
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException(name + ": node did not listen within " + START + ":\n" + logText());
  }

  int port() {
    return port;
  }

  /** CPU of node (the primary and its workers); allocation not measured. */
  ServerCounters counters() {
    try {
      return ServerCounters.cpuOnly(ProcessCpu.nanos(process.toHandle()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Points the limiter has counted for this client's address (one per decision), read from the
   * app's {@code /_bench/limiter}, which neither passes the limiter nor is counted by it.
   */
  long limiterDecisions() {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> res =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_bench/limiter"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        throw new IllegalStateException(name + ": /_bench/limiter answered " + res.statusCode());
      }
      return Long.parseLong(res.body().strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logText() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the workers and node, forcibly after {@link #STOP}. */
  private void stop() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP.toNanos();
    for (ProcessHandle p : all) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      } catch (ExecutionException | TimeoutException e) {
        p.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or has run
    }
  }
}
