package dev.armet.bench;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One in-memory rate-limit decision ({@code consume}) on one hot key and on 65,536 keys, with 1 and
 * 2 threads, next to Bucket4j's local bucket doing the same. Limits are high enough that every call
 * is admitted, so this is the steady allowed path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RateLimitBenchmark {
  static final int KEYS = 1 << 16;
  static final long HUGE = 1_000_000_000L;

  /** Shared by all threads, as in a server. */
  @State(Scope.Benchmark)
  public static class Shared {
    RateLimiter armet;
    Bucket bucket4j;
    ConcurrentHashMap<String, Bucket> bucket4jPerKey;
    String[] keys;

    @Setup
    public void setup() {
      armet =
          RateLimiter.builder(
                  RateLimitPolicy.builder("bench")
                      .tokenBucket(HUGE, 1_000_000, Duration.ofSeconds(1))
                      .build())
              .store(InMemoryRateLimitStore.withMaxKeys(2 * KEYS))
              .events(e -> {})
              .build();
      bucket4j = newBucket();
      bucket4jPerKey = new ConcurrentHashMap<>();
      keys = new String[KEYS];
      for (int i = 0; i < KEYS; i++) {
        keys[i] = "10." + (i >>> 8) + "." + (i & 255) + ".1";
      }
    }

    static Bucket newBucket() {
      return Bucket.builder()
          .addLimit(
              Bandwidth.builder()
                  .capacity(HUGE)
                  .refillGreedy(1_000_000, Duration.ofSeconds(1))
                  .build())
          .build();
    }
  }

  /** Each thread walks the key space on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    String key(Shared s) {
      return s.keys[next++ & (KEYS - 1)];
    }
  }

  @Benchmark
  @Threads(1)
  public boolean armetOneKey1t(Shared s) {
    return s.armet.consume("203.0.113.9").isAllowed();
  }

  @Benchmark
  @Threads(2)
  public boolean armetOneKey2t(Shared s) {
    return s.armet.consume("203.0.113.9").isAllowed();
  }

  @Benchmark
  @Threads(1)
  public boolean armetManyKeys1t(Shared s, Cursor c) {
    return s.armet.consume(c.key(s)).isAllowed();
  }

  @Benchmark
  @Threads(2)
  public boolean armetManyKeys2t(Shared s, Cursor c) {
    return s.armet.consume(c.key(s)).isAllowed();
  }

  @Benchmark
  @Threads(1)
  public boolean bucket4jOneKey1t(Shared s) {
    return s.bucket4j.tryConsume(1);
  }

  @Benchmark
  @Threads(2)
  public boolean bucket4jOneKey2t(Shared s) {
    return s.bucket4j.tryConsume(1);
  }

  @Benchmark
  @Threads(1)
  public boolean bucket4jManyKeys1t(Shared s, Cursor c) {
    return s.bucket4jPerKey.computeIfAbsent(c.key(s), k -> Shared.newBucket()).tryConsume(1);
  }

  @Benchmark
  @Threads(2)
  public boolean bucket4jManyKeys2t(Shared s, Cursor c) {
    return s.bucket4jPerKey.computeIfAbsent(c.key(s), k -> Shared.newBucket()).tryConsume(1);
  }
}
