package dev.armet.bench;

import dev.armet.cookie.RequestCookies;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Reading a realistic 20-cookie header (analytics, consent, preferences) and finding one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CookieReaderBenchmark {
  String header;

  public CookieReaderBenchmark() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 19; i++) {
      b.append("_cookie")
          .append(i)
          .append("=GA1.2.")
          .append(1_000_000_000L + i * 7919L)
          .append(".1700000000; ");
    }
    b.append("__Host-id=AbCd.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c.")
        .append("m1n2b3v4c5x6z7l8k9j0h1g2f3d4s5a6p7o8i9u0y1t");
    header = b.toString();
  }

  @Benchmark
  public Optional<String> parseAndFind() {
    return RequestCookies.parse(header).first("__Host-id");
  }
}
