package dev.armet.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-master Redis Cluster this test starts on free loopback ports (redis-server with cluster
 * mode, joined by {@code redis-cli --cluster create}), so hash tags and the Cluster code paths run
 * against the real thing.
 */
final class OwnRedisCluster implements AutoCloseable {
  private final List<Process> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  OwnRedisCluster() throws Exception {
    Path dir = Files.createTempDirectory("armet-redis-cluster");
    for (int i = 0; i < 3; i++) {
      int port = freePort();
      Path nodeDir = Files.createDirectories(dir.resolve("n" + port));
      nodes.add(
          new ProcessBuilder(
                  "/usr/bin/redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  "nodes.conf",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  nodeDir.toString())
              .redirectErrorStream(true)
              .redirectOutput(nodeDir.resolve("log").toFile())
              .start());
      ports.add(port);
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (int p : ports) {
      create.add("127.0.0.1:" + p);
    }
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!run(create)) { // the nodes may still be starting: retry, bounded
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not create a Redis Cluster on ports " + ports);
      }
    }
    while (!run(
        List.of(
            "sh",
            "-c",
            "redis-cli -p " + ports.get(0) + " cluster info | grep -q cluster_state:ok"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Redis Cluster on ports " + ports + " never reached state ok");
      }
    }
  }

  String uri() {
    return "redis-cluster://127.0.0.1:" + ports.get(0);
  }

  private static boolean run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static int freePort() throws IOException {
    // Cluster bus ports are port + 10000: keep both below 65536.
    for (; ; ) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (s.getLocalPort() < 55000) {
          return s.getLocalPort();
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    for (Process p : nodes) {
      p.destroy();
    }
    for (Process p : nodes) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
