package dev.armet.bench;

import dev.armet.headers.HeaderWriter;
import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.headers.CspNonce;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of writing the security headers onto one response.
 *
 * <p>Two sinks separate our cost from the container's: a trivial one that hands each value to a
 * {@link Blackhole} (our work only), and Jetty's own {@link HttpFields.Mutable}, the structure a
 * Jetty response keeps its headers in, cleared before each operation as a fresh response would be.
 * {@link #jettyClearOnly} is the floor of the Jetty sink: clearing it with nothing written. {@link
 * #defaultsJettyFieldsAdd} appends instead of replacing.
 *
 * <p>Policies: the defaults (every header precomputed, nothing built per response), and the
 * defaults with {@code nonce("script-src")} (a {@link CspNonce} from {@code SecureRandom} and the
 * CSP string rendered around it, per response). Requests are secure, so HSTS is written.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SecurityHeadersBenchmark {
  private static final String PATH = "/hello";

  private SecurityHeaders defaults;
  private SecurityHeaders withNonce;
  private HttpFields.Mutable fields;
  private HeaderWriter jetty;
  private HeaderWriter jettyAdd;

  @Setup
  public void setUp() {
    defaults = SecurityHeaders.defaults();
    withNonce =
        SecurityHeaders.create(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src")));
    fields = HttpFields.build();
    jetty = fields::put;
    jettyAdd = fields::add;
  }

  @Benchmark
  public void defaultsTrivialSink(Blackhole bh) {
    defaults.write((name, value) -> bh.consume(value), true, PATH, null);
  }

  @Benchmark
  public HttpFields.Mutable defaultsJettyFields() {
    fields.clear();
    defaults.write(jetty, true, PATH, null);
    return fields;
  }

  /**
   * As {@link #defaultsJettyFields} but appending ({@code HttpFields.Mutable#add}, what {@code
   * HttpServletResponse#addHeader} does) instead of replacing ({@code put}, what {@code setHeader}
   * does, scanning the fields already there for the same name).
   */
  @Benchmark
  public HttpFields.Mutable defaultsJettyFieldsAdd() {
    fields.clear();
    defaults.write(jettyAdd, true, PATH, null);
    return fields;
  }

  @Benchmark
  public void nonceTrivialSink(Blackhole bh) {
    withNonce.write((name, value) -> bh.consume(value), true, PATH, CspNonce.generate());
  }

  @Benchmark
  public HttpFields.Mutable nonceJettyFields() {
    fields.clear();
    withNonce.write(jetty, true, PATH, CspNonce.generate());
    return fields;
  }

  @Benchmark
  public HttpFields.Mutable jettyClearOnly() {
    fields.clear();
    return fields;
  }
}
