package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.armet.event.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a forwarding header can do to {@link ClientAddressResolver#resolve}, whatever the peer and
 * the trust: never throw, and never make a header value that is not an address the client address.
 * A peer the container reports in a form that is no IP literal (a Unix socket, an empty string) is
 * kept as it is.
 */
class ForwardingInputsTest {
  static final String LB = "10.0.0.5";
  final List<SecurityEvent> events = new ArrayList<>();

  static ClientAddress resolve(ClientAddressResolver r, String peer, String name, String value) {
    return r.resolve(
        peer, "http", "app.internal", 8080, h -> h.equalsIgnoreCase(name) ? value : null);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "not-an-ip", "unix:/run/app.sock", "[::1", "999.0.0.1"})
  void unparseablePeer_trustedHops_forwardedWithoutFor_fallsBackToThePeer(String peer) {
    ClientAddressResolver r =
        ClientAddressResolver.builder()
            .trustedHops(1)
            .header(ClientAddressResolver.Header.FORWARDED)
            .events(events::add)
            .build();

    ClientAddress c = resolve(r, peer, "Forwarded", "proto=https;host=shop.example");

    assertThat(c.address()).isEqualTo(String.valueOf(peer));
    assertThat(c.rateLimitKey()).isEqualTo(String.valueOf(peer));
    assertThat(c.scheme()).isEqualTo("https"); // what the trusted hop vouches for, as for any peer
    assertThat(c.host()).isEqualTo("shop.example");
    assertThat(events).as("no value was dropped: for= is optional (RFC 7239 §5)").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-an-ip", "unix:/run/app.sock"})
  void unparseablePeer_trustedHops_xForwardedProtoOnly_fallsBackToThePeer(String peer) {
    ClientAddressResolver r =
        ClientAddressResolver.builder().trustedHops(1).events(events::add).build();

    ClientAddress c = resolve(r, peer, "X-Forwarded-Proto", "https");

    assertThat(c.address()).isEqualTo(peer);
    assertThat(c.isSecure()).isTrue();
    assertThat(events).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-ip", ""})
  void unparseablePeer_trustedHops_unknownFor_fallsBackToThePeerAndRecordsOneEvent(String peer) {
    ClientAddressResolver r =
        ClientAddressResolver.builder()
            .trustedHops(1)
            .header(ClientAddressResolver.Header.FORWARDED)
            .events(events::add)
            .build();

    ClientAddress c = resolve(r, peer, "Forwarded", "for=unknown;proto=https");

    assertThat(c.address()).isEqualTo(peer);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("malicious_forwarded");
              assertThat(e.fields())
                  .containsEntry("peer", peer)
                  .containsEntry("header", "Forwarded for")
                  .containsEntry("value", "unknown");
            });
  }

  /** The malformed and unusual values a proxy (or a client through a careless proxy) may send. */
  static final String[] VALUES = {
    "",
    " ",
    ",",
    ",,,",
    ";",
    "=",
    "for",
    "for=",
    "for=;",
    "for=,",
    "for=\"\"",
    "for=\"",
    "for=\"[2001:db8::1]\"",
    "for=\"[2001:db8::1]:443\"",
    "for=[2001:db8::1]",
    "for=\"[2001:db8::1\"",
    "for=\"2001:db8::1]\"",
    "for=2001:db8::1",
    "for=\"2001:db8::1\"",
    "for=\"[::1]:_port\"",
    "for=\"[::1]:99999\"",
    "for=\"[::1]:\"",
    "for=192.0.2.1:",
    "for=192.0.2.1:65536",
    "for=192.0.2.1:_abc",
    "for=\"192.0.2.1:8080\"",
    "for=_abc",
    "for=_",
    "for=\"_hidden\"",
    "for=unknown",
    "for=UNKNOWN",
    "for=\"unknown:_x\"",
    "for=\"[unknown]\"",
    "for=[]",
    "for=\"[]:80\"",
    "for=\"\\\"\"",
    "for=\"\\",
    "for=192.0.2.1;for=192.0.2.2",
    "for=192.0.2.1;proto=",
    "for=192.0.2.1;proto=\"\"",
    "for=192.0.2.1;host=",
    "for=192.0.2.1;host=\"\"",
    "for=192.0.2.1;host=\"[::1]:80\"",
    "for=192.0.2.1;host=\"[::1\"",
    "for=192.0.2.1;host=\"a:\"",
    "for=192.0.2.1;host=\"a:99999\"",
    "for=192.0.2.1;host=\"a:00080\"",
    "proto=https",
    "host=x",
    "proto=https;host=shop.example:8443",
    "proto=https, for=192.0.2.1",
    "for=192.0.2.1, proto=https",
    "for=192.0.2.1 garbage",
    "for = 192.0.2.1",
    "FOR=192.0.2.1",
    "for=192.0.2.1,",
    ", for=192.0.2.1",
    "for=::ffff:192.0.2.1",
    "for=\"[::ffff:192.0.2.1]\"",
    "for=\"[fe80::1%eth0]\"",
    "for=0.0.0.0",
    "for=01.2.3.4",
    "for=1.2.3",
    "for=1.2.3.4.5",
    "for=\u0000",
    "for=\"\u2028\"",
    "for=\"\uD800\"",
    "unknown",
    "_abc",
    "::1",
    "[::1]",
    "[::1]:80",
    "192.0.2.1:80",
    "192.0.2.1, unknown, _abc",
    "2001:db8::1, 192.0.2.1",
    "1.2.3.4\t,\t5.6.7.8",
    "\"192.0.2.1\"",
  };

  static final String[] PEERS = {LB, "203.0.113.9", "::1", "[::1]", "", "not-an-ip", null};

  static Stream<String> values() {
    return Stream.of(VALUES);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void malformedForwardingValue_neverThrows_clientIsThePeerOrAnAddress(String value) {
    for (Config config : Config.values()) {
      ClientAddressResolver r = config.resolver.get();
      for (String name : config.headers) {
        for (String peer : PEERS) {
          ClientAddress[] c = new ClientAddress[1];
          assertThatCode(() -> c[0] = resolve(r, peer, name, value))
              .as("%s, %s from peer %s", config, name, peer)
              .doesNotThrowAnyException();
          assertSafe(c[0], peer);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void hugeHeader_neverThrows(Config config) {
    String many = "for=192.0.2.1;proto=https, ".repeat(10_000) + "for=\"" + "x".repeat(50_000);
    String commas = ",".repeat(100_000);
    String one = "for=" + "1".repeat(200_000);
    ClientAddressResolver r = config.resolver.get();
    for (String name : config.headers) {
      for (String value : List.of(many, commas, one)) {
        for (String peer : new String[] {LB, "not-an-ip"}) {
          ClientAddress[] c = new ClientAddress[1];
          assertThatCode(() -> c[0] = resolve(r, peer, name, value)).doesNotThrowAnyException();
          assertSafe(c[0], peer);
        }
      }
    }
  }

  static Stream<Config> configs() {
    return Stream.of(Config.values());
  }

  private static void assertSafe(ClientAddress c, String peer) {
    assertThat(c.address())
        .satisfiesAnyOf(
            a -> assertThat(a).isEqualTo(String.valueOf(peer)),
            a -> assertThat(IpLiteral.parse(a)).as("an IP literal").isNotNull());
    assertThat(c.scheme()).isIn("http", "https");
    assertThat(c.port()).isBetween(0, 65535);
    assertThat(c.host()).isNotNull();
    assertThatCode(c::rateLimitKey).doesNotThrowAnyException();
    assertThatCode(c::toString).doesNotThrowAnyException();
  }

  /** The trust settings a deployment can choose, each with the headers it reads. */
  enum Config {
    FORWARDED_PROXIES(
        () ->
            ClientAddressResolver.builder()
                .trustedProxies("10.0.0.0/8", "loopback")
                .header(ClientAddressResolver.Header.FORWARDED)
                .events(e -> {})
                .build(),
        "Forwarded"),
    FORWARDED_HOPS(
        () ->
            ClientAddressResolver.builder()
                .trustedHops(2)
                .header(ClientAddressResolver.Header.FORWARDED)
                .events(e -> {})
                .build(),
        "Forwarded"),
    X_FORWARDED_PROXIES(
        () ->
            ClientAddressResolver.builder()
                .trustedProxies("10.0.0.0/8", "loopback")
                .events(e -> {})
                .build(),
        "X-Forwarded-For",
        "X-Forwarded-Proto",
        "X-Forwarded-Host"),
    X_FORWARDED_HOPS(
        () -> ClientAddressResolver.builder().trustedHops(2).events(e -> {}).build(),
        "X-Forwarded-For",
        "X-Forwarded-Proto",
        "X-Forwarded-Host"),
    NOTHING_TRUSTED(
        () -> ClientAddressResolver.builder().events(e -> {}).build(),
        "Forwarded",
        "X-Forwarded-For");

    final Supplier<ClientAddressResolver> resolver;
    final String[] headers;

    Config(Supplier<ClientAddressResolver> resolver, String... headers) {
      this.resolver = resolver;
      this.headers = headers;
    }
  }
}
