package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "10.1.2.3/8, 10.9.9.9, true",
    "192.0.2.1, 192.0.2.1, true",
    "192.0.2.1, 192.0.2.2, false",
    "0.0.0.0/0, 203.0.113.5, true",
    "0.0.0.0/0, ::1, false",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "192.0.2.0/31, 192.0.2.1, true",
    "::1, ::1, true",
    "::1, ::2, false",
    "::/0, 2001:db8::1, true",
    "::/0, 10.0.0.1, false",
    "fc00::/7, fdff:ffff::1, true",
    "fc00::/7, fe00::1, false",
    "2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, true",
    "2001:db8::/64, 2001:db8:0:1::, false",
    "2001:db8::/65, 2001:db8::7fff:0:0:0, true",
    "2001:db8::/65, 2001:db8::8000:0:0:0, false",
    "2001:db8::1/128, 2001:db8::1, true",
    "10.0.0.0/8, ::ffff:10.1.1.1, true",
    "10.0.0.0/8, not-an-ip, false",
    "::ffff:10.0.0.0/104, 10.1.2.3, true",
    "::ffff:10.0.0.0/104, 11.1.2.3, false",
    "::ffff:10.0.0.0/104, ::ffff:10.9.9.9, true",
    "::ffff:192.0.2.1, 192.0.2.1, true",
    "::/0, ::ffff:192.0.2.1, false",
  })
  void matches_table(String cidr, String address, boolean expected) {
    assertThat(Cidr.parse(cidr).matches(address)).isEqualTo(expected);
  }

  @Test
  void matches_nullAndOddLengths_false() {
    Cidr any = Cidr.parse("0.0.0.0/0");
    assertThat(any.matches((String) null)).isFalse();
    assertThat(any.matches(new byte[5])).isFalse();
  }

  @Test
  void parse_invalid_namesValueAndFix() {
    assertThatThrownBy(() -> Cidr.parse("proxy.internal"))
        .hasMessage(
            "'proxy.internal' is not an IPv4/IPv6 address or CIDR range (write e.g. 10.0.0.0/8 or fd00::/8; host names are not accepted)");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .hasMessage("prefix length of '10.0.0.0/33' must be 0..32, was '33'");
    assertThatThrownBy(() -> Cidr.parse("::/129"))
        .hasMessage("prefix length of '::/129' must be 0..128, was '129'");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("must be 0..32, was ''");
    assertThatThrownBy(() -> Cidr.parse("::ffff:0:0/95"))
        .hasMessage(
            "prefix length of '::ffff:0:0/95' must be 96..128, was '95' (an IPv4-mapped range; or write the IPv4 range itself)");
  }

  @Test
  void toString_normalizesNetwork() {
    assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    assertThat(Cidr.parse("2001:db8::1/32")).hasToString("2001:db8::/32");
  }
}
