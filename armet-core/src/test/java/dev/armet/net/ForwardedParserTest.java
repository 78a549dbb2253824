package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7239 §4–§7 examples and the malformed shapes seen in the wild. */
class ForwardedParserTest {
  static String addresses(String header) {
    return ForwardedParser.parse(header, 32).stream()
        .map(h -> h.address == null ? "?" : IpLiteral.format(h.address))
        .collect(Collectors.joining(" "));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "for=\"_gazonk\"                                         | ?",
        "For=\"[2001:db8:cafe::17]:4711\"                        | 2001:db8:cafe::17",
        "for=192.0.2.60;proto=http;by=203.0.113.43              | 192.0.2.60",
        "for=192.0.2.43, for=198.51.100.17                      | 192.0.2.43 198.51.100.17",
        "for=192.0.2.43,for=\"[2001:db8:cafe::17]\",for=unknown | 192.0.2.43 2001:db8:cafe::17 ?",
        "for=\"192.0.2.43:47011\"                               | 192.0.2.43",
        "for=\"192.0.2.43:_hidden\"                             | 192.0.2.43",
        "for=\"[2001:db8::1]:_p\"                               | 2001:db8::1",
        "for=unknown                                            | ?",
        "for=\"2001:db8::1\"                                    | ?",
        "for=\"[192.0.2.1]\"                                    | ?",
        "for=192.0.2.1;for=192.0.2.2                            | ?",
        "for=\"unterminated                                     | ?",
        "for=192.0.2.1 garbage                                  | ?",
        "proto=https                                            | ?",
        "for=\"192.0.2.1\\\"\"                                  | ?",
        "for = 192.0.2.1                                        | 192.0.2.1",
        "for=\"[2001:db8::1]:99999\"                            | ?",
      })
  void parse_rfcExamplesAndMalformed(String header, String expected) {
    assertThat(addresses(header)).isEqualTo(expected);
  }

  @Test
  void parse_protoAndHost_perElementAndValidated() {
    List<Hop> hops =
        ForwardedParser.parse(
            "for=192.0.2.1;proto=https;host=\"shop.example:8443\", for=10.0.0.1;proto=gopher;host=\"evil\\\"<x>\"",
            32);
    assertThat(hops.get(0).proto).isEqualTo("https");
    assertThat(hops.get(0).host).isEqualTo("shop.example:8443");
    assertThat(hops.get(1).proto).isNull();
    assertThat(hops.get(1).host).isNull();
  }

  @Test
  void parse_quotedCommaAndSemicolon_stayInsideValue() {
    List<Hop> hops = ForwardedParser.parse("for=192.0.2.1;host=\"a,b;c\", for=192.0.2.2", 32);
    assertThat(hops).hasSize(2);
    assertThat(hops.get(0).host).isNull(); // not a valid host, but did not split the element
  }

  @Test
  void parse_hugeChain_keepsOnlyNearestHops() {
    String header = "for=192.0.2.1, ".repeat(10_000) + "for=198.51.100.1";
    List<Hop> hops = ForwardedParser.parse(header, 32);
    assertThat(hops).hasSize(32);
    assertThat(IpLiteral.format(hops.get(31).address)).isEqualTo("198.51.100.1");
  }
}
