package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * The ClientHello reader takes bytes from anyone who connects to the HTTPS port: it must never
 * throw, never move the buffer, and name only protocols of 1 to 255 bytes. A short run happens in
 * every {@code mvn verify} (execution fuzz-client-hello in armet-server's pom).
 */
class ClientHelloAlpnFuzzTest {

  @FuzzTest(maxDuration = "4s")
  void read_anyBytes_neverThrows(byte[] input) {
    ByteBuffer wire = ByteBuffer.wrap(input);
    ClientHelloAlpn.Reading reading = ClientHelloAlpn.read(wire);
    assertThat(wire.position()).isZero();
    assertThat(wire.limit()).isEqualTo(input.length);
    if (reading instanceof ClientHelloAlpn.Offered offered) {
      assertThat(input.length).isGreaterThan(5 + 4 + 2 + 32);
      for (String protocol : offered.protocols()) {
        assertThat(protocol.length()).isBetween(1, 255);
      }
    }
  }
}
