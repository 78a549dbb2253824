package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/** Properties every input must keep, shared by the Jazzer fuzz tests and the seeded random test. */
final class AddressParsingProperties {
  static final ClientAddressResolver XFF =
      ClientAddressResolver.builder()
          .trustedProxies("10.0.0.0/8", "2001:db8::/32")
          .events(e -> {})
          .build();
  static final ClientAddressResolver FORWARDED =
      ClientAddressResolver.builder()
          .trustedProxies("10.0.0.0/8", "2001:db8::/32")
          .header(ClientAddressResolver.Header.FORWARDED)
          .events(e -> {})
          .build();
  static final ClientAddressResolver FORWARDED_HOPS =
      ClientAddressResolver.builder()
          .trustedHops(2)
          .header(ClientAddressResolver.Header.FORWARDED)
          .events(e -> {})
          .build();
  static final String PEER = "10.0.0.1";

  /** A peer that is no IP literal, as a container on a Unix socket may report it. */
  static final String SOCKET_PEER = "unix:/run/app.sock";

  private AddressParsingProperties() {}

  /**
   * Never throws, whatever the trust and the peer; the client is the peer or an address really
   * present in the header.
   */
  static void forwardingHeader(String header) {
    Set<String> present = new HashSet<>();
    present.add(PEER);
    for (Hop h : ForwardedParser.parse(header, 64)) {
      if (h.address != null) {
        present.add(IpLiteral.format(h.address));
      }
    }
    ClientAddress viaForwarded =
        FORWARDED.resolve(PEER, "http", "h", 80, name -> name.equals("Forwarded") ? header : null);
    assertThat(present).contains(viaForwarded.address());
    present.add(SOCKET_PEER);
    ClientAddress viaHops =
        FORWARDED_HOPS.resolve(
            SOCKET_PEER, "http", "h", 80, name -> name.equals("Forwarded") ? header : null);
    assertThat(present).contains(viaHops.address());

    present.clear();
    present.add(PEER);
    for (Hop h : XForwardedParser.parse(header, null, null, 64)) {
      if (h.address != null) {
        present.add(IpLiteral.format(h.address));
      }
    }
    ClientAddress viaXff =
        XFF.resolve(
            PEER,
            "http",
            "h",
            80,
            name ->
                name.equals("X-Forwarded-For")
                    ? header
                    : name.equals("X-Forwarded-Proto") ? header : null);
    assertThat(present).contains(viaXff.address());
    assertThat(viaXff.scheme()).isIn("http", "https");
    assertThat(viaForwarded.scheme()).isIn("http", "https");
  }

  /** A literal we accept is one the JDK reads the same way, and formatting round-trips. */
  static void ipLiteral(String text) throws Exception {
    byte[] mine = IpLiteral.parse(text);
    if (mine == null) {
      return;
    }
    assertThat(IpLiteral.parse(IpLiteral.format(mine))).isEqualTo(mine);
    // Safe: only literals reach here, so this never touches DNS.
    assertThat(InetAddress.getByName(text).getAddress()).isEqualTo(mine);
  }

  /**
   * Cidr.matches agrees with a bit-by-bit reference, IPv4-mapped IPv6 (network or address) counting
   * as the IPv4 address it carries.
   */
  static void cidr(byte[] network, int prefix, byte[] address) {
    int bits = network.length * 8;
    int p = Math.floorMod(prefix, bits + 1);
    String text = IpLiteral.format(network) + "/" + p;
    byte[] net = network;
    if (network.length == 16 && Cidr.isMapped(network)) {
      if (p < 96) {
        assertThatThrownBy(() -> Cidr.parse(text)).hasMessageContaining("IPv4-mapped");
        return;
      }
      net = java.util.Arrays.copyOfRange(network, 12, 16);
      p -= 96;
    }
    byte[] addr =
        address.length == 16 && Cidr.isMapped(address)
            ? java.util.Arrays.copyOfRange(address, 12, 16)
            : address;
    Cidr cidr = Cidr.parse(text);
    boolean expected = addr.length == net.length;
    for (int i = 0; expected && i < p; i++) {
      int mask = 0x80 >>> (i % 8);
      expected = (net[i / 8] & mask) == (addr[i / 8] & mask);
    }
    assertThat(cidr.matches(address)).isEqualTo(expected);
    assertThat(cidr.matches(IpLiteral.format(address))).isEqualTo(expected);
  }
}
