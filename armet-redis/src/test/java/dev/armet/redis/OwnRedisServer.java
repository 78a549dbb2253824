package dev.armet.redis;

import dev.armet.testing.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server this test starts, stops and starts again on a free loopback port. AOF with fsync
 * on every write, so a restart keeps every counter: a lost counter would show up as over-admission,
 * which is exactly what the fault tests look for.
 */
final class OwnRedisServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/redis-server");

  final int port;
  private final Path dir;
  private final List<String> extra;
  private final boolean tls;
  private Process process;

  OwnRedisServer() throws IOException {
    this(List.of());
  }

  /**
   * @param extra more redis-server arguments, e.g. an ACL user or a sentinel config
   */
  OwnRedisServer(List<String> extra) throws IOException {
    this(port -> extra, false);
  }

  /**
   * @param extra arguments given the port; {@code tls}: the port speaks TLS only
   */
  OwnRedisServer(java.util.function.IntFunction<List<String>> extra, boolean tls)
      throws IOException {
    this.tls = tls;
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          "redis-server is not at "
              + BINARY
              + "; install it (apt-get install "
              + "redis-server) to run the fault tests");
    }
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    this.extra = extra.apply(port);
    dir = Files.createTempDirectory("armet-redis-fault");
  }

  String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  Path dir() {
    return dir;
  }

  void start() throws Exception {
    List<String> command = new java.util.ArrayList<>();
    if (!extra.isEmpty() && extra.get(0).endsWith(".conf")) {
      command.add(BINARY.toString());
      command.add(extra.get(0)); // a config file comes first
    } else {
      command.add(BINARY.toString());
    }
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--daemonize",
            "no",
            "--logfile",
            dir.resolve("log").toString()));
    boolean sentinel = extra.contains("--sentinel");
    if (!sentinel) {
      command.addAll(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always"));
    }
    command.addAll(
        extra.isEmpty() || !extra.get(0).endsWith(".conf")
            ? extra
            : extra.subList(1, extra.size()));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout").toFile())
            .start();
    Poll.until(
        Duration.ofSeconds(10),
        "redis-server answers PING on port " + port,
        () -> answersPing() || !process.isAlive());
    if (!process.isAlive()) {
      throw new AssertionError(
          "redis-server did not come up on port "
              + port
              + ": "
              + Files.readString(dir.resolve("stdout")));
    }
  }

  /** SIGTERM, as an operator or orchestrator stops it; waits for the process to be gone. */
  void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private boolean answersPing() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      if (tls) {
        return true; // listening is enough: a TLS port does not answer plain PING
      }
      s.setSoTimeout(500);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[64];
      int n = s.getInputStream().read(reply);
      // +PONG, or -NOAUTH from a server that wants a password: either way it is up.
      return n > 0
          && (new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")
              || new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("-NOAUTH"));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
