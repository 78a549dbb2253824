package dev.armet.bench;

import dev.armet.internal.headers.CspNonce;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CspNonce#generate()} against other ways of drawing 128 bits from a {@code SecureRandom},
 * on one thread and on two (the server's request threads draw nonces concurrently, and the default
 * {@code SecureRandom} on Linux, NativePRNG, serialises callers on a global lock). Run with {@code
 * -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class NonceSourceBenchmark {
  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final SecureRandom SHARED_DRBG = drbg();
  private static final ThreadLocal<SecureRandom> LOCAL_DRBG =
      ThreadLocal.withInitial(NonceSourceBenchmark::drbg);

  /** What Armet does today: one shared {@code new SecureRandom()}. */
  @Benchmark
  public String sharedDefault() {
    return CspNonce.generate();
  }

  /** One shared DRBG instance ({@code SecureRandom.getInstance("DRBG")}). */
  @Benchmark
  public String sharedDrbg() {
    return draw(SHARED_DRBG);
  }

  /** One DRBG per thread: no shared lock. */
  @Benchmark
  public String threadLocalDrbg() {
    return draw(LOCAL_DRBG.get());
  }

  private static String draw(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("DRBG is in every JDK since 9", e);
    }
  }
}
