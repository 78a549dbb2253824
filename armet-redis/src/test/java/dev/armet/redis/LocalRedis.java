package dev.armet.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

/**
 * The machine's Redis (127.0.0.1:6379). Missing, it fails the test with a message naming the
 * service and how to start it; never a silent skip (CI sets CI=true and gets the same failure).
 */
final class LocalRedis {
  static final String URI = "redis://127.0.0.1:6379/0";

  private LocalRedis() {}

  static void require() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
    } catch (IOException e) {
      throw new AssertionError(
          "Redis is not running on 127.0.0.1:6379"
              + ("true".equals(System.getenv("CI")) ? " (CI: a missing service fails the run)" : "")
              + ". Start it with `redis-server --daemonize yes` (or `.ci/run`), then run the tests again.");
    }
  }

  /** A prefix no other run uses, so runs never see each other's keys. */
  static String freshPrefix() {
    return "armet-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  static RedisStores open(RedisStores.DecisionTime time, java.time.Clock sessionClock) {
    require();
    return RedisStores.open(
        URI, b -> b.keyPrefix(freshPrefix()).decisionTime(time).sessionClock(sessionClock));
  }
}
