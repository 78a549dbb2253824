package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "::1, ::1",
    "::, ::",
    "2001:DB8::1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80::, fe80::",
    "::ffff:192.0.2.128, 192.0.2.128",
    "::ffff:c000:0280, 192.0.2.128",
    "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
  })
  void parse_valid_formatsCanonically(String in, String canonical) {
    assertThat(IpLiteral.format(IpLiteral.parse(in))).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.-4",
        "1.2.3.4 ",
        "localhost",
        "example.com",
        ":::",
        "1:::2",
        "1::2::3",
        "12345::",
        "1:2:3:4:5:6:7:8:9",
        ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:",
        "::ffff:1.2.3",
        "::1.2.3.4.5",
        "fe80::1%eth0",
        "[::1]",
        "1.2.3.4:80",
        "g::1",
        "1:2:3:4:5:6:7:1.2.3.4",
        "0x7f.0.0.1",
        "1.2.3.04"
      })
  void parse_invalid_null(String in) {
    assertThat(IpLiteral.parse(in)).isNull();
  }
}
