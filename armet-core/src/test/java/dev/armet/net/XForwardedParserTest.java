package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XForwardedParserTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "203.0.113.195                | 203.0.113.195",
        "203.0.113.195:41237          | 203.0.113.195",
        "2001:db8:85a3::8a2e:370:7334 | 2001:db8:85a3::8a2e:370:7334",
        "[2001:db8::1]:4711           | 2001:db8::1",
        "unknown                      | ?",
        "' '                          | ?",
        "203.0.113.195, junk          | ?",
      })
  void address_entries(String entry, String expected) {
    byte[] a = XForwardedParser.address(entry.split(",")[entry.contains(",") ? 1 : 0].strip());
    assertThat(a == null ? "?" : IpLiteral.format(a)).isEqualTo(expected);
  }

  @Test
  void parse_protoListAligned_readHopByHop() {
    List<Hop> hops = XForwardedParser.parse("192.0.2.1, 10.0.0.1", "https, http", null, 32);
    assertThat(hops.get(0).proto).isEqualTo("https");
    assertThat(hops.get(1).proto).isEqualTo("http");
  }

  @Test
  void parse_singleProto_appliesToEveryHop() {
    List<Hop> hops = XForwardedParser.parse("192.0.2.1, 10.0.0.1", "https", "shop.example", 32);
    assertThat(hops)
        .allSatisfy(
            h -> {
              assertThat(h.proto).isEqualTo("https");
              assertThat(h.host).isEqualTo("shop.example");
            });
  }

  @Test
  void parse_emptyEntries_areMalformedHops() {
    List<Hop> hops = XForwardedParser.parse("192.0.2.1,,10.0.0.1", null, null, 32);
    assertThat(hops).hasSize(3);
    assertThat(hops.get(1).address).isNull();
  }
}
