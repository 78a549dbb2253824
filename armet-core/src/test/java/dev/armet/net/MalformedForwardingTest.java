package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.event.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A trusted proxy's forwarding value that is not understood falls back safely and leaves a {@code
 * malicious_forwarded} event naming the header and the value.
 */
class MalformedForwardingTest {
  static final String LB = "10.0.0.5";
  final List<SecurityEvent> events = new ArrayList<>();

  ClientAddress resolve(
      ClientAddressResolver.Header kind, String name, String value, String... more) {
    ClientAddressResolver r =
        ClientAddressResolver.builder().trustedProxies(LB).header(kind).events(events::add).build();
    return r.resolve(
        LB,
        "http",
        "app.internal",
        8080,
        header -> {
          if (header.equalsIgnoreCase(name)) {
            return value;
          }
          for (int i = 0; i < more.length; i += 2) {
            if (header.equalsIgnoreCase(more[i])) {
              return more[i + 1];
            }
          }
          return null;
        });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X_FORWARDED | X-Forwarded-For | not-an-ip      | X-Forwarded-For   | not-an-ip      | 10.0.0.5",
        "X_FORWARDED | X-Forwarded-For | unknown        | X-Forwarded-For   | unknown        | 10.0.0.5",
        "X_FORWARDED | X-Forwarded-For | '203.0.113.7, nope' | X-Forwarded-For | nope        | 10.0.0.5",
        "FORWARDED   | Forwarded       | for=unknown    | Forwarded for     | unknown        | 10.0.0.5",
        "FORWARDED   | Forwarded       | for=not-an-ip  | Forwarded for     | not-an-ip      | 10.0.0.5",
        "FORWARDED   | Forwarded       | 'for=\"[::1\"' | Forwarded for     | '[::1'         | 10.0.0.5",
        "FORWARDED   | Forwarded       | for==;x        | Forwarded         | for==;x        | 10.0.0.5",
      })
  void resolve_malformedAddressFromTrustedProxy_fallsBackAndRecordsOneEvent(
      ClientAddressResolver.Header kind,
      String name,
      String value,
      String header,
      String bad,
      String client) {
    ClientAddress c = resolve(kind, name, value);
    assertThat(c.address()).isEqualTo(client);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("malicious_forwarded");
              assertThat(e.fields())
                  .containsEntry("peer", LB)
                  .containsEntry("header", header)
                  .containsEntry("value", bad);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X_FORWARDED | X-Forwarded-For | 203.0.113.7     | X-Forwarded-Proto | ftp  | X-Forwarded-Proto",
        "X_FORWARDED | X-Forwarded-For | 203.0.113.7     | X-Forwarded-Host  | 'a b' | X-Forwarded-Host",
        "FORWARDED   | Forwarded       | for=203.0.113.7;proto=gopher | X | x | Forwarded proto",
      })
  void resolve_invalidProtoOrHostFromTrustedProxy_keepsTheConnectionsAndRecordsOneEvent(
      ClientAddressResolver.Header kind,
      String name,
      String value,
      String otherName,
      String otherValue,
      String header) {
    ClientAddress c = resolve(kind, name, value, otherName, otherValue);
    assertThat(c.address()).isEqualTo("203.0.113.7");
    assertThat(c.isSecure()).isFalse();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("malicious_forwarded");
              assertThat(e.fields()).containsEntry("header", header);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X_FORWARDED | X-Forwarded-Proto | ftp          | X-Forwarded-Proto",
        "X_FORWARDED | X-Forwarded-Host  | 'a b'        | X-Forwarded-Host",
        "FORWARDED   | Forwarded         | proto=gopher | Forwarded proto",
        "FORWARDED   | Forwarded         | 'host=\"a b\"' | Forwarded host",
      })
  void resolve_invalidProtoOrHostWithoutAddress_keepsTheConnectionsAndRecordsOneEvent(
      ClientAddressResolver.Header kind, String name, String value, String header) {
    ClientAddress c = resolve(kind, name, value);
    assertThat(c.address()).isEqualTo(LB);
    assertThat(c.scheme()).isEqualTo("http");
    assertThat(c.host()).isEqualTo("app.internal");
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("malicious_forwarded");
              assertThat(e.fields())
                  .containsEntry("header", header)
                  .containsEntry("fallback", "the request's own scheme and host");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X_FORWARDED | X-Forwarded-For | 203.0.113.7 | X-Forwarded-Proto | https",
        "FORWARDED   | Forwarded       | for=203.0.113.7;proto=https | X | x",
        "FORWARDED   | Forwarded       | 'for=\"[2001:db8::1]:443\"' | X | x",
        "X_FORWARDED | X-Forwarded-Proto | https        | X | x", // TLS termination: no for, no
        // value dropped
        "FORWARDED   | Forwarded       | proto=https;host=shop.example | X | x",
      })
  void resolve_wellFormedChain_recordsNothing(
      ClientAddressResolver.Header kind,
      String name,
      String value,
      String otherName,
      String otherValue) {
    resolve(kind, name, value, otherName, otherValue);
    assertThat(events).isEmpty();
  }
}
