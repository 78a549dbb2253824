package dev.armet.bench;

import dev.armet.env.ArmetEnvironment;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.servlet.HttpRateLimits;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * One in-memory rate-limit decision on one hot key and on 10,000 keys, with 1 and 2 threads, next
 * to Bucket4j's local bucket doing the same ({@code tryConsume} on a bucket from a map of 10,000,
 * issue 18 goal 5); and the HTTP step, {@code HttpRateLimits.begin} for one request's client
 * address (a returning client, and 10,000 clients in turn), as a filter runs it. Limits are high
 * enough that every call is admitted, so this is the steady allowed path. {@code consume(String)}
 * hashes its subject on every call (it may be a secret): on this store, a keyed SipHash into the
 * subject's slot; on a shared store, the keyed name (HMAC-SHA256) a Redis or SQL key holds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RateLimitBenchmark {
  static final int KEYS = 10_000;
  static final long HUGE = 1_000_000_000L;

  /** Shared by all threads, as in a server. */
  @State(Scope.Benchmark)
  public static class Shared {
    RateLimiter armet;
    Bucket bucket4j;
    ConcurrentHashMap<String, Bucket> bucket4jPerKey;
    String[] keys;
    HttpRateLimits http;
    HttpServletResponse response;

    @Setup
    public void setup() {
      armet =
          RateLimiter.builder(
                  RateLimitPolicy.builder("bench")
                      .tokenBucket(HUGE, 1_000_000, Duration.ofSeconds(1))
                      .build())
              .store(InMemoryRateLimitStore.withMaxKeys(4 * KEYS))
              .events(e -> {})
              .build();
      http =
          HttpRateLimits.builder()
              .route(
                  "/*",
                  r ->
                      r.limit(
                          RateLimitPolicy.builder("http")
                              .tokenBucket(HUGE, 1_000_000, Duration.ofSeconds(1))
                              .build()))
              .store(InMemoryRateLimitStore.withMaxKeys(4 * KEYS))
              .environment(ArmetEnvironment.DEVELOPMENT)
              .events(e -> {})
              .build();
      response = BenchRequest.response();
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

  /** Each thread walks the key space on its own, and has its own reusable request. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    final BenchRequest request = new BenchRequest();

    String key(Shared s) {
      String key = s.keys[next];
      next = next + 1 == KEYS ? 0 : next + 1;
      return key;
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

  @Benchmark
  @Threads(1)
  public boolean httpOneClient1t(Shared s, Cursor c) throws IOException {
    return s.http.begin(c.request.next("203.0.113.9"), s.response);
  }

  @Benchmark
  @Threads(1)
  public boolean httpManyClients1t(Shared s, Cursor c) throws IOException {
    return s.http.begin(c.request.next(c.key(s)), s.response);
  }

  @Benchmark
  @Threads(2)
  public boolean httpManyClients2t(Shared s, Cursor c) throws IOException {
    return s.http.begin(c.request.next(c.key(s)), s.response);
  }
}
