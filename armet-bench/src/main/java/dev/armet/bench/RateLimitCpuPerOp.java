package dev.armet.bench;

import dev.armet.net.Cidr;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thread CPU time per operation for the same operations as {@link RateLimitBenchmark} and {@link
 * ClientAddressBenchmark}: a cross-check for JMH's wall-clock figures when the machine is shared
 * and overloaded (CPU time does not count time spent waiting for a core). Run: {@code java -cp
 * benchmarks.jar dev.armet.bench.RateLimitCpuPerOp}.
 */
public final class RateLimitCpuPerOp {
  private RateLimitCpuPerOp() {}

  static volatile Object sink;

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    RateLimiter armet =
        RateLimiter.builder(
                RateLimitPolicy.builder("bench")
                    .tokenBucket(1_000_000_000L, 1_000_000, Duration.ofSeconds(1))
                    .build())
            .store(InMemoryRateLimitStore.withMaxKeys(1 << 17))
            .events(e -> {})
            .build();
    Bucket b4j =
        Bucket.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(1_000_000_000L)
                    .refillGreedy(1_000_000, Duration.ofSeconds(1))
                    .build())
            .build();
    String[] keys = new String[RateLimitBenchmark.KEYS];
    for (int i = 0; i < keys.length; i++) keys[i] = "10." + (i >>> 8) + "." + (i & 255) + ".1";
    ConcurrentHashMap<String, Bucket> b4jPerKey = new ConcurrentHashMap<>();
    Cidr cidr = Cidr.parse("10.0.0.0/8");
    for (int round = 0; round < 3; round++) {
      int n = 3_000_000;
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) sink = armet.consume("203.0.113.9");
      long t1 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) sink = armet.consume(keys[i % keys.length]);
      long t2 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) sink = b4j.tryConsume(1);
      long t3 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink =
            b4jPerKey
                .computeIfAbsent(keys[i % keys.length], k -> RateLimitBenchmark.Shared.newBucket())
                .tryConsume(1);
      }
      long t3b = mx.getCurrentThreadCpuTime();
      boolean m = false;
      for (int i = 0; i < n; i++) m ^= cidr.matches("10.20.30.40");
      long t4 = mx.getCurrentThreadCpuTime();
      sink = m;
      System.out.printf(
          "round %d: armet one key %.0f ns, armet 10000 keys %.0f ns, bucket4j one bucket %.0f ns,"
              + " bucket4j 10000 buckets %.0f ns, cidr match %.0f ns (CPU per op)%n",
          round,
          (t1 - t0) / (double) n,
          (t2 - t1) / (double) n,
          (t3 - t2) / (double) n,
          (t3b - t3) / (double) n,
          (t4 - t3b) / (double) n);
    }
  }
}
