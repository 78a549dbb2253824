package dev.armet.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direct path's cache answers exactly what a resolution would: every input is part of its key,
 * a forwarding header bypasses it, and collisions only cost a resolution.
 */
class DirectAddressCacheTest {
  static final ClientAddressResolver.HeaderLookup NO_HEADERS = name -> null;

  @Test
  void sameInputs_reuseOneAnswer() {
    ClientAddressResolver r = ClientAddressResolver.direct();
    ClientAddress first = r.resolve("198.51.100.7", "https", "app", 443, NO_HEADERS);
    ClientAddress again = r.resolve("198.51.100.7", "https", "app", 443, NO_HEADERS);
    assertThat(again).isSameAs(first);
    assertSameAnswer(again, fresh("198.51.100.7", "https", "app", 443));
  }

  @Test
  void eachInput_isPartOfTheKey() {
    ClientAddressResolver r = ClientAddressResolver.direct();
    r.resolve("198.51.100.7", "http", "app", 8080, NO_HEADERS);
    for (Object[] in :
        List.of(
            new Object[] {"198.51.100.8", "http", "app", 8080},
            new Object[] {"198.51.100.7", "https", "app", 8080},
            new Object[] {"198.51.100.7", "http", "other", 8080},
            new Object[] {"198.51.100.7", "http", "app", 8443})) {
      String peer = (String) in[0];
      String scheme = (String) in[1];
      String host = (String) in[2];
      int port = (Integer) in[3];
      assertSameAnswer(
          r.resolve(peer, scheme, host, port, NO_HEADERS), fresh(peer, scheme, host, port));
    }
  }

  @Test
  void forwardingHeader_fromATrustedProxy_isNeverAnsweredFromTheCache() {
    ClientAddressResolver r = ClientAddressResolver.builder().trustedProxies("10.0.0.5").build();
    ClientAddress direct = r.resolve("10.0.0.5", "http", "app", 8080, NO_HEADERS);
    assertThat(direct.address()).isEqualTo("10.0.0.5");
    ClientAddress forwarded =
        r.resolve(
            "10.0.0.5",
            "http",
            "app",
            8080,
            name -> "X-Forwarded-For".equalsIgnoreCase(name) ? "203.0.113.9" : null);
    assertThat(forwarded.address()).isEqualTo("203.0.113.9");
    assertThat(forwarded.isForwarded()).isTrue();
  }

  @Test
  void manyPeers_collidingInTheCache_eachGetsItsOwnAnswer() {
    ClientAddressResolver r = ClientAddressResolver.direct();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 4 * DirectAddressCache.SIZE; i++) {
        String peer = "2001:db8::" + Integer.toHexString(i);
        assertSameAnswer(
            r.resolve(peer, "http", "app", 80, NO_HEADERS), fresh(peer, "http", "app", 80));
      }
    }
  }

  @Test
  void peerAsContainersWriteIt_bracketedOrZoned_isCanonicalFromTheCacheToo() {
    ClientAddressResolver r = ClientAddressResolver.direct();
    for (String peer : List.of("[::1]", "fe80::1%eth0", "0:0:0:0:0:0:0:1", "unix-socket")) {
      ClientAddress first = r.resolve(peer, "http", "app", 80, NO_HEADERS);
      assertSameAnswer(r.resolve(peer, "http", "app", 80, NO_HEADERS), first);
      assertSameAnswer(first, fresh(peer, "http", "app", 80));
    }
  }

  private static ClientAddress fresh(String peer, String scheme, String host, int port) {
    return ClientAddressResolver.direct().resolve(peer, scheme, host, port, NO_HEADERS);
  }

  private static void assertSameAnswer(ClientAddress actual, ClientAddress expected) {
    assertThat(actual.address()).isEqualTo(expected.address());
    assertThat(actual.scheme()).isEqualTo(expected.scheme());
    assertThat(actual.host()).isEqualTo(expected.host());
    assertThat(actual.port()).isEqualTo(expected.port());
    assertThat(actual.isForwarded()).isEqualTo(expected.isForwarded());
    assertThat(actual.rateLimitKey()).isEqualTo(expected.rateLimitKey());
  }
}
