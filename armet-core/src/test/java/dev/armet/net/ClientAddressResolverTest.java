package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.event.SecurityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
  static final String LB = "10.0.0.5";
  final List<SecurityEvent> events = new ArrayList<>();

  ClientAddressResolver.Builder resolver() {
    return ClientAddressResolver.builder().events(events::add);
  }

  static ClientAddressResolver.HeaderLookup headers(String... nameValue) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      map.put(nameValue[i].toLowerCase(), nameValue[i + 1]);
    }
    return name -> map.get(name.toLowerCase());
  }

  static ClientAddress resolve(ClientAddressResolver r, String peer, String... nameValue) {
    return r.resolve(peer, "http", "app.internal", 8080, headers(nameValue));
  }

  @Test
  void default_trustsNothing_spoofedHeaderChangesNothing() {
    ClientAddress c =
        resolve(
            resolver().build(),
            "203.0.113.9",
            "X-Forwarded-For",
            "127.0.0.1",
            "X-Forwarded-Proto",
            "https");
    assertThat(c.address()).isEqualTo("203.0.113.9");
    assertThat(c.isSecure()).isFalse();
    assertThat(c.isForwarded()).isFalse();
  }

  @Test
  void spoofedXffFromUntrustedPeer_ignoredAndDiagnosedOnce() {
    ClientAddressResolver r = resolver().trustedProxies(LB).build();
    ClientAddress c = resolve(r, "203.0.113.9", "X-Forwarded-For", "1.2.3.4");
    resolve(r, "203.0.113.10", "X-Forwarded-For", "1.2.3.4");
    assertThat(c.address()).isEqualTo("203.0.113.9");
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("sys_proxy_untrusted_header");
    assertThat(events.get(0).fields().get("fix").toString())
        .contains("trustedProxies(\"203.0.113.9\")");
  }

  @Test
  void trustedProxy_resolvesClientSchemeAndHost() {
    ClientAddress c =
        resolve(
            resolver().trustedProxies(LB).build(),
            LB,
            "X-Forwarded-For",
            "198.51.100.7",
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "shop.example");
    assertThat(c.address()).isEqualTo("198.51.100.7");
    assertThat(c.isSecure()).isTrue();
    assertThat(c.host()).isEqualTo("shop.example");
    assertThat(c.port()).isEqualTo(443);
    assertThat(c.isForwarded()).isTrue();
  }

  @Test
  void chainThroughTwoTrustedProxies_clientIsFirstUntrustedFromRight() {
    ClientAddressResolver r = resolver().trustedProxies("10.0.0.0/8", "192.168.1.1").build();
    // The client forged "6.6.6.6"; the CDN (192.168.1.1) appended the real client, the LB appended
    // the CDN.
    ClientAddress c = resolve(r, LB, "X-Forwarded-For", "6.6.6.6, 198.51.100.7, 192.168.1.1");
    assertThat(c.address()).isEqualTo("198.51.100.7");
  }

  @Test
  void allHopsTrusted_clientIsLeftmost() {
    ClientAddress c =
        resolve(
            resolver().trustedProxies("private").build(),
            LB,
            "X-Forwarded-For",
            "10.9.9.9, 10.0.0.7");
    assertThat(c.address()).isEqualTo("10.9.9.9");
  }

  @Test
  void malformedHop_stopsWalkAtProxyThatReportedIt() {
    ClientAddressResolver r = resolver().trustedProxies("10.0.0.0/8").build();
    ClientAddress c = resolve(r, LB, "X-Forwarded-For", "198.51.100.7, garbage, 10.0.0.9");
    assertThat(c.address()).isEqualTo("10.0.0.9");
    ClientAddress first = resolve(r, LB, "X-Forwarded-For", "nonsense");
    assertThat(first.address()).isEqualTo(LB);
  }

  @Test
  void hopCount_takesNthFromRight() {
    ClientAddressResolver two = resolver().trustedHops(2).build();
    assertThat(
            resolve(two, "203.0.113.1", "X-Forwarded-For", "6.6.6.6, 198.51.100.7, 192.0.2.1")
                .address())
        .isEqualTo("198.51.100.7");
    assertThat(resolve(two, "203.0.113.1", "X-Forwarded-For", "198.51.100.7").address())
        .as("fewer hops than configured: the furthest known")
        .isEqualTo("198.51.100.7");
  }

  @Test
  void forwardedHeader_rfc7239WithIpv6AndPorts() {
    ClientAddressResolver r =
        resolver()
            .trustedProxies("10.0.0.0/8")
            .header(ClientAddressResolver.Header.FORWARDED)
            .build();
    ClientAddress c =
        resolve(
            r,
            LB,
            "Forwarded",
            "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"shop.example:8443\", for=10.1.1.1",
            "X-Forwarded-For",
            "6.6.6.6");
    assertThat(c.address()).isEqualTo("2001:db8:cafe::17");
    assertThat(c.scheme()).isEqualTo("https");
    assertThat(c.host()).isEqualTo("shop.example");
    assertThat(c.port()).isEqualTo(8443);
  }

  @Test
  void forwardedMode_ignoresXForwardedFor() {
    ClientAddressResolver r =
        resolver().trustedProxies(LB).header(ClientAddressResolver.Header.FORWARDED).build();
    assertThat(resolve(r, LB, "X-Forwarded-For", "6.6.6.6").address()).isEqualTo(LB);
  }

  @Test
  void ipv6Key_groupedBySlash64ByDefault() {
    ClientAddressResolver r = resolver().build();
    assertThat(resolve(r, "2001:db8:1:2:aaaa:bbbb:cccc:dddd").rateLimitKey())
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(resolve(r, "2001:db8:1:2::1").rateLimitKey()).isEqualTo("2001:db8:1:2::/64");
    assertThat(resolve(r, "2001:db8:1:3::1").rateLimitKey()).isEqualTo("2001:db8:1:3::/64");
    assertThat(resolve(r, "192.0.2.1").rateLimitKey()).isEqualTo("192.0.2.1");
    assertThat(resolve(resolver().ipv6KeyPrefix(128).build(), "2001:db8::1").rateLimitKey())
        .isEqualTo("2001:db8::1");
    assertThat(resolve(resolver().ipv6KeyPrefix(48).build(), "2001:db8:1:2::1").rateLimitKey())
        .isEqualTo("2001:db8:1::/48");
  }

  @Test
  void peerAsContainersReportIt_bracketsZonesMappedAddresses() {
    ClientAddressResolver r = resolver().build();
    assertThat(resolve(r, "[0:0:0:0:0:0:0:1]").address()).isEqualTo("::1");
    assertThat(resolve(r, "fe80::1%eth0").address()).isEqualTo("fe80::1");
    assertThat(resolve(r, "::ffff:192.0.2.1").address()).isEqualTo("192.0.2.1");
    assertThat(resolve(r, null).address()).isEqualTo("null");
  }

  @Test
  void everyRequestFromOneAddress_warnsOnceNamingTheSetting() {
    ClientAddressResolver r = resolver().diagnosticSample(50).build();
    for (int i = 0; i < 200; i++) {
      resolve(r, LB);
    }
    assertThat(events).extracting(SecurityEvent::type).containsExactly("sys_proxy_single_client");
    assertThat(events.get(0).fields().get("fix").toString()).contains("trustedProxies");
  }

  @Test
  void variedOrLoopbackAddresses_noSingleAddressWarning() {
    ClientAddressResolver r = resolver().diagnosticSample(10).build();
    for (int i = 0; i < 50; i++) {
      resolve(r, "127.0.0.1");
    }
    ClientAddressResolver varied = resolver().diagnosticSample(10).build();
    for (int i = 0; i < 50; i++) {
      resolve(varied, "192.0.2." + (i % 3));
    }
    assertThat(events).isEmpty();
  }

  @Test
  void forgedHostOrProto_ignored() {
    ClientAddress c =
        resolve(
            resolver().trustedProxies(LB).build(),
            LB,
            "X-Forwarded-For",
            "198.51.100.7",
            "X-Forwarded-Proto",
            "javascript",
            "X-Forwarded-Host",
            "evil.example/<script>");
    assertThat(c.scheme()).isEqualTo("http");
    assertThat(c.host()).isEqualTo("app.internal");
  }

  @Test
  void builder_invalid_saysKeyAndFix() {
    assertThatThrownBy(() -> ClientAddressResolver.builder().trustedProxies("lb.internal"))
        .hasMessageStartingWith(
            "trustedProxies: 'lb.internal' is not an IPv4/IPv6 address or CIDR range")
        .hasMessageEndingWith("or use 'loopback', 'private' or 'linklocal'");
    assertThatThrownBy(() -> ClientAddressResolver.builder().trustedHops(-1))
        .hasMessage("trustedHops must be between 0 and 32, was -1");
    assertThatThrownBy(
            () -> ClientAddressResolver.builder().trustedHops(1).trustedProxies(LB).build())
        .hasMessageContaining("exclusive");
    assertThatThrownBy(() -> ClientAddressResolver.builder().ipv6KeyPrefix(16))
        .hasMessage(
            "ipv6KeyPrefix must be between 32 and 128, was 16 (64 is one subscriber's network)");
  }
}
