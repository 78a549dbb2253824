package dev.armet.bench;

import dev.armet.headers.SecurityHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.BufferUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the container pays to serialise a response head with and without Armet's headers: Jetty's
 * {@link HttpGenerator} writing status line and fields into a direct buffer, as {@code
 * HttpConnection} does for every HTTP/1.1 response. {@code wrapped} fields go through {@link
 * HttpFields.Mutable.Wrapper}, as a servlet response's fields do in Jetty ee10.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JettyEncodeBenchmark {
  private static final ByteBuffer BODY =
      ByteBuffer.wrap("Hello, world!\n".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

  /**
   * {@code bare}: Content-Type and Content-Length; {@code armet}: those plus Armet's defaults as a
   * servlet {@code setHeader} makes them; {@code armet-preencoded}: the same headers as Jetty
   * {@link PreEncodedHttpField}s, encoded once (what a Jetty-native adapter could send).
   */
  @Param({"bare", "armet", "armet-preencoded"})
  public String headers;

  @Param({"plain", "wrapped"})
  public String fields;

  private final HttpGenerator generator = new HttpGenerator();
  private final ByteBuffer header = BufferUtil.allocateDirect(8192);
  private MetaData.Response response;

  @Setup
  public void setUp() {
    HttpFields.Mutable f = HttpFields.build();
    if (headers.equals("armet")) {
      SecurityHeaders.defaults().write(f::put, false, "/", null);
    } else if (headers.equals("armet-preencoded")) {
      SecurityHeaders.defaults()
          .write((n, v) -> f.put(new PreEncodedHttpField(n, v)), false, "/", null);
    }
    f.put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    f.put(HttpHeader.CONTENT_LENGTH, 14L);
    HttpFields.Mutable used = fields.equals("wrapped") ? new HttpFields.Mutable.Wrapper(f) {} : f;
    response = new MetaData.Response(200, null, HttpVersion.HTTP_1_1, used, 14);
    try {
      HttpGenerator.Result result = generateOnce();
      if (result != HttpGenerator.Result.FLUSH) {
        throw new IllegalStateException("the generator answered " + result + ", not FLUSH");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public ByteBuffer generate() throws Exception {
    generateOnce();
    return header;
  }

  private HttpGenerator.Result generateOnce() throws Exception {
    generator.reset();
    BufferUtil.clear(header); // Jetty's convention: an empty buffer is in flush mode
    return generator.generateResponse(response, false, header, null, BODY.duplicate(), true);
  }
}
