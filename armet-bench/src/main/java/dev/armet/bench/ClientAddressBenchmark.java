package dev.armet.bench;

import dev.armet.net.Cidr;
import dev.armet.net.ClientAddress;
import dev.armet.net.ClientAddressResolver;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** CIDR matching (from text, as a request gives it) and a full resolution behind two proxies. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ClientAddressBenchmark {
  final Cidr v4 = Cidr.parse("10.0.0.0/8");
  final Cidr v6 = Cidr.parse("2001:db8::/32");
  final ClientAddressResolver resolver =
      ClientAddressResolver.builder()
          .trustedProxies("10.0.0.0/8", "192.168.0.0/16")
          .events(e -> {})
          .build();
  String v4Address = "10.20.30.40";
  String v6Address = "2001:db8:1:2:3:4:5:6";
  String chain = "198.51.100.7, 192.168.1.1";

  @Benchmark
  public boolean cidrMatchIpv4() {
    return v4.matches(v4Address);
  }

  @Benchmark
  public boolean cidrMatchIpv6() {
    return v6.matches(v6Address);
  }

  /** No proxy trusted, no forwarding header: the common direct case (issue 18: its allocation). */
  final ClientAddressResolver direct = ClientAddressResolver.builder().events(e -> {}).build();

  @Benchmark
  public ClientAddress resolveDirectNoProxy() {
    return direct.resolve("198.51.100.7", "http", "app", 8080, name -> null);
  }

  @Benchmark
  public ClientAddress resolveTwoProxies() {
    return resolver.resolve(
        "10.0.0.5",
        "http",
        "app",
        8080,
        name ->
            "X-Forwarded-For".equals(name)
                ? chain
                : "X-Forwarded-Proto".equals(name) ? "https" : null);
  }
}
