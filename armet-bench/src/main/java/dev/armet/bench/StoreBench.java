package dev.armet.bench;

import dev.armet.jdbc.JdbcStores;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.redis.RedisStores;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Store throughput, end to end through the public API: rate-limit decisions per second and session
 * load+save pairs per second, with N threads for a fixed time, on the real server. Redis round
 * trips per decision are counted by Redis itself ({@code INFO commandstats}).
 *
 * <pre>
 * armet-bench/stores-bench.sh redis://127.0.0.1:6379/0 16 10
 * armet-bench/stores-bench.sh postgresql://postgres@127.0.0.1:5432/test 16 10
 * </pre>
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6379/0";
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Duration time = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
    String run = "bench" + UUID.randomUUID().toString().substring(0, 6);
    if (uri.startsWith("redis")) {
      try (RedisStores redis = RedisStores.open(uri, b -> b.keyPrefix(run + ":"))) {
        RateLimiter limiter = limiter(redis.rateLimits());
        RedisRoundTrips trips = RedisRoundTrips.start(uri);
        long decisions = decisions(limiter, threads, time);
        System.out.printf(
            "redis round trips per decision: %.3f (EVALSHA %d for %d decisions; other"
                + " client commands: %s)%n",
            trips.evalshaSince() / (double) decisions,
            trips.evalshaSince(),
            decisions,
            trips.otherClientCommandsSince());
        if (!"decisions".equals(args.length > 3 ? args[3] : "")) {
          sessions(redis.sessions(), threads, time);
        }
        System.out.println(
            "redis-benchmark equivalent: " + trips.equivalentBenchmark(run, threads));
      }
    } else {
      try (JdbcStores db =
          JdbcStores.open(
              uri, b -> b.tablePrefix(run + "_").dataFolder(Path.of("target")).poolSize(threads))) {
        decisions(limiter(db.rateLimits()), threads, time);
        sessions(db.sessions(), threads, time);
      }
    }
  }

  /** A limiter that always allows, warmed up (JIT, connections, script cache) before counting. */
  static RateLimiter limiter(RateLimitStore store) {
    RateLimiter limiter =
        RateLimiter.builder(RateLimitPolicy.tokenBucket("bench", 1_000_000, Duration.ofMinutes(1)))
            .store(store)
            .events(e -> {})
            .build();
    for (int i = 0; i < 2_000; i++) {
      limiter.consume("warm" + (i % 100));
    }
    return limiter;
  }

  static long decisions(RateLimiter limiter, int threads, Duration time) throws Exception {
    long n =
        timed(
            threads,
            time,
            () -> limiter.consume("k" + ThreadLocalRandom.current().nextInt(10_000)));
    System.out.printf(
        "rate-limit decisions/s: %,.0f (%d threads, %ds, 10,000 keys)%n",
        n / (double) time.toSeconds(), threads, time.toSeconds());
    return n;
  }

  static void sessions(SessionStore store, int threads, Duration time) throws Exception {
    Map<String, Object> attributes =
        Map.of(
            "user",
            "alice",
            "csrf",
            UUID.randomUUID().toString(),
            "cart",
            java.util.List.of(1, 2, 3));
    long n =
        timed(
            threads,
            time,
            () -> {
              String key = "s" + ThreadLocalRandom.current().nextInt(10_000);
              Instant now = Instant.now();
              long version =
                  store.load(key).map(SessionRecord::version).orElse(SessionStore.ABSENT);
              store.save(
                  new SessionRecord(
                      key, "alice", now, now.plus(Duration.ofMinutes(30)), version + 1, attributes),
                  version); // a lost race is one more op, as in the filter
            });
    System.out.printf(
        "session load+conditional save/s: %,.0f (%d threads, %ds, 10,000 sessions)%n",
        n / (double) time.toSeconds(), threads, time.toSeconds());
  }

  private static long timed(int threads, Duration time, Runnable op) throws Exception {
    LongAdder done = new LongAdder();
    long end = System.nanoTime() + time.toNanos();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  op.run();
                  done.increment();
                }
              });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    return done.sum();
  }
}
