package dev.armet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java target in a JVM of its own ({@link TargetHost}), started with this JVM's own flags (heap,
 * collector, system properties) and class path, so that every target runs alike and none shares the
 * JIT's profiles with another. The harness reads its CPU time and allocation through it.
 */
final class TargetProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int port;
  private final boolean readsSession;
  private final boolean hasLimiter;

  private TargetProcess(String name, Process process) throws IOException {
    this.name = name;
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    String[] ready = answer().split(" ");
    if (ready.length != 4 || !ready[0].equals("ready")) {
      throw new IOException(name + ": unexpected first answer " + String.join(" ", ready));
    }
    this.port = Integer.parseInt(ready[1]);
    this.readsSession = Boolean.parseBoolean(ready[2]);
    this.hasLimiter = Boolean.parseBoolean(ready[3]);
  }

  /**
   * Starts {@code target} in a new JVM, serving {@code transport}; {@code keys} is the bench key
   * store under TLS, else null. Returns once it is serving.
   */
  static TargetProcess start(String target, Transport transport, Path keys) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TargetHost.class.getName());
    command.add(target);
    command.add(transport.name());
    if (keys != null) {
      command.add(keys.toString());
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      return new TargetProcess(target, p);
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /**
   * This JVM's flags, but for agents and flight recordings (a profiler attaches to the one target
   * it profiles, with {@link LoadProfile}).
   */
  static List<String> jvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            f ->
                !f.startsWith("-agentlib:")
                    && !f.startsWith("-javaagent:")
                    && !f.startsWith("-XX:StartFlightRecording"))
        .toList();
  }

  int port() {
    return port;
  }

  boolean readsSession() {
    return readsSession;
  }

  boolean hasLimiter() {
    return hasLimiter;
  }

  /** The target JVM's CPU time and allocation so far. */
  ServerCounters counters() {
    String[] f = ask("counters").split(" ");
    return new ServerCounters(Long.parseLong(f[0]), Long.parseLong(f[1]));
  }

  /** How often the target's limiter has decided so far. */
  long limiterDecisions() {
    return Long.parseLong(ask("decisions"));
  }

  private synchronized String ask(String request) {
    in.println(request);
    try {
      return answer();
    } catch (IOException e) {
      throw new IllegalStateException(name + ": no answer to " + request, e);
    }
  }

  /** The next protocol line; throws when the JVM ended first (its error went to stderr). */
  private String answer() throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(TargetHost.PREFIX)) {
        return line.substring(TargetHost.PREFIX.length());
      }
    }
    throw new IOException(name + ": its JVM ended (see its error output above)");
  }

  @Override
  public void close() throws InterruptedException {
    in.println("stop");
    in.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
