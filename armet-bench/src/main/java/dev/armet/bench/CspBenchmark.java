package dev.armet.bench;

import dev.armet.headers.ContentSecurityPolicy;
import dev.armet.internal.headers.CspNonce;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-response pieces of a nonce policy: the nonce itself, and the CSP rendered around it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CspBenchmark {
  private ContentSecurityPolicy defaults;
  private ContentSecurityPolicy withNonce;
  private String nonce;
  private String prefix;
  private String suffix;

  @Setup
  public void setUp() {
    defaults = ContentSecurityPolicy.defaults();
    withNonce = ContentSecurityPolicy.create(c -> c.nonce("script-src"));
    nonce = CspNonce.generate();
    String marked = withNonce.render("MARK");
    int at = marked.indexOf("'nonce-MARK'");
    prefix = marked.substring(0, at);
    suffix = marked.substring(at + "'nonce-MARK'".length());
  }

  /** 16 bytes from the shared {@code SecureRandom}, base64-encoded. */
  @Benchmark
  public String nonceGenerate() {
    return CspNonce.generate();
  }

  /** A policy without nonce: the precomputed string. */
  @Benchmark
  public String renderDefaults() {
    return defaults.render(null);
  }

  /** A nonce policy with a given nonce: one presized StringBuilder. */
  @Benchmark
  public String renderWithNonce() {
    return withNonce.render(nonce);
  }

  /**
   * A candidate for {@code render} with one nonce directive: a single string concatenation (the
   * JDK's {@code StringConcatFactory} sizes and fills one array, with no builder copy).
   */
  @Benchmark
  public String renderWithNonceConcat() {
    return prefix + "'nonce-" + nonce + "'" + suffix;
  }
}
