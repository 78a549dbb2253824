package dev.armet.internal.server.acme;

import static dev.armet.internal.server.acme.ClientHellos.alpn;
import static dev.armet.internal.server.acme.ClientHellos.concat;
import static dev.armet.internal.server.acme.ClientHellos.extension;
import static dev.armet.internal.server.acme.ClientHellos.handmade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.server.acme.ClientHelloAlpn.Incomplete;
import dev.armet.internal.server.acme.ClientHelloAlpn.Offered;
import dev.armet.internal.server.acme.ClientHelloAlpn.Reading;
import dev.armet.internal.server.acme.ClientHelloAlpn.Unreadable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ClientHello reader on real JSSE ClientHellos, split every way a network may split them, and
 * on hostile bytes: always the right answer, never an exception, never a moved buffer.
 */
class ClientHelloAlpnTest {

  @Test
  void sunJsseHello_offeringOnlyAcmeTls_isReadWithThatProtocol() throws Exception {
    assertThat(read(ClientHellos.sunJsse("acme-tls/1")))
        .isEqualTo(new Offered(List.of("acme-tls/1")));
  }

  @Test
  void sunJsseHello_offeringH2AndHttp11_isReadWithBoth() throws Exception {
    assertThat(read(ClientHellos.sunJsse("h2", "http/1.1")))
        .isEqualTo(new Offered(List.of("h2", "http/1.1")));
  }

  @Test
  void helloWithoutAlpn_offersNothing() throws Exception {
    assertThat(read(ClientHellos.sunJsse())).isEqualTo(new Offered(List.of()));
    assertThat(read(handmade((byte[][]) null))).isEqualTo(new Offered(List.of()));
  }

  @Test
  void postQuantumHello_withItsLargeKeyShare_isReadToTheEnd() throws Exception {
    byte[] hello = ClientHellos.postQuantum("h2", "http/1.1");
    assertThat(hello.length).as("an ML-KEM-768 key share").isGreaterThan(1200);
    assertThat(read(hello)).isEqualTo(new Offered(List.of("h2", "http/1.1")));
  }

  @Test
  void helloArrivingOneByteAtATime_isIncompleteUntilItsLastByte() throws Exception {
    for (byte[] hello :
        List.of(ClientHellos.sunJsse("acme-tls/1"), ClientHellos.postQuantum("acme-tls/1"))) {
      for (int n = 0; n < hello.length; n++) {
        assertThat(read(Arrays.copyOf(hello, n)))
            .as("%d of %d bytes", n, hello.length)
            .isInstanceOf(Incomplete.class);
      }
      assertThat(read(hello)).isEqualTo(new Offered(List.of("acme-tls/1")));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 64, 500})
  void helloSplitAcrossRecords_isReassembled(int recordSize) throws Exception {
    byte[] split = ClientHellos.refragment(ClientHellos.sunJsse("acme-tls/1"), recordSize);
    for (int n = 0; n < split.length; n++) {
      assertThat(read(Arrays.copyOf(split, n))).as("%d bytes", n).isInstanceOf(Incomplete.class);
    }
    assertThat(read(split)).isEqualTo(new Offered(List.of("acme-tls/1")));
  }

  @Test
  void bytesAfterTheHello_areIgnored() throws Exception {
    byte[] hello = ClientHellos.sunJsse("acme-tls/1");
    byte[] more = concat(hello, "more".getBytes(StandardCharsets.US_ASCII));
    assertThat(read(more)).isEqualTo(new Offered(List.of("acme-tls/1")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n", // plain HTTP on the HTTPS port
        "G", // decided at the first byte
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        "\u0015\u0003\u0003\u0000\u0002\u0002\u0028", // an alert record
        "\u0080\u002e\u0001\u0003\u0001", // an SSL 2 ClientHello header
        "\u0016\u0002", // record version 2.x
        "\u0016\u0003\u0001\u0000\u0000", // an empty handshake record
        "\u0016\u0003\u0001\u0040\u0001", // a record longer than 2^14
        "\u0016\u0003\u0001\u0000\u0004\u0002", // a ServerHello, not a ClientHello
        "\u0016\u0003\u0001\u0000\u0004\u0001\u00ff\u00ff\u00ff", // a 16 MiB ClientHello
        "\u0016\u0003\u0001\u0000\u0004\u0001\u0000\u0010\u0001", // 4 KiB + 1: too large
      })
  void notAReadableClientHello_isUnreadable(String wire) {
    assertThat(read(wire.getBytes(StandardCharsets.ISO_8859_1))).isInstanceOf(Unreadable.class);
  }

  @Test
  void helloLargerThanTheBound_isUnreadable_evenWhenComplete() {
    byte[] padded = handmade(alpn("acme-tls/1"), extension(21, new byte[5000]));
    assertThat(padded.length).isGreaterThan(ClientHelloAlpn.MAX_BYTES);
    assertThat(read(padded)).isInstanceOf(Unreadable.class);
    assertThat(read(ClientHellos.refragment(padded, 1000))).isInstanceOf(Unreadable.class);
  }

  @Test
  void handmadeHello_isReadLikeARealOne() {
    assertThat(read(handmade(extension(0, new byte[0]), alpn("acme-tls/1"))))
        .isEqualTo(new Offered(List.of("acme-tls/1")));
  }

  @Test
  void malformedExtensions_areUnreadable() {
    byte[] truncatedBlock = handmade(alpn("acme-tls/1"));
    // The extension block claims one byte more than the message holds.
    int blockLength = 2 + 32 + 1 + 4 + 2 + 4 + 5; // header, fields, then the block's length
    truncatedBlock[blockLength + 1]++;
    assertThat(read(truncatedBlock)).as("truncated extension block").isInstanceOf(Unreadable.class);

    byte[] longerList = alpn("acme-tls/1");
    longerList[5]++; // the protocol list claims more than the extension holds
    byte[] shorterName = alpn("acme-tls/1");
    shorterName[6]--; // a name one byte short: a stray byte is left in the list
    for (byte[] bad :
        List.of(
            longerList,
            shorterName,
            alpn(""), // an empty protocol name
            extension(16, new byte[0]), // no list at all
            extension(16, new byte[] {0, 0}), // an empty list
            concat(new byte[] {0, 16, 0, 99}, "acme-tls/1".getBytes(StandardCharsets.US_ASCII)))) {
      assertThat(read(handmade(bad))).isInstanceOf(Unreadable.class);
    }
    assertThat(read(handmade(alpn("acme-tls/1"), alpn("acme-tls/1"))))
        .as("two ALPN extensions")
        .isInstanceOf(Unreadable.class);
    assertThat(read(handmade(new byte[] {0})))
        .as("half an extension type")
        .isInstanceOf(Unreadable.class);
  }

  @Test
  void otherRecordBetweenFragments_isUnreadable() throws Exception {
    byte[] split = ClientHellos.refragment(ClientHellos.sunJsse("acme-tls/1"), 100);
    byte[] changeCipherSpec = {20, 3, 3, 0, 1, 1};
    byte[] wire =
        concat(
            Arrays.copyOf(split, 105),
            changeCipherSpec,
            Arrays.copyOfRange(split, 105, split.length));
    assertThat(read(wire)).isInstanceOf(Unreadable.class);
  }

  @Test
  void randomAndMutatedBytes_neverThrowNorMoveTheBuffer() throws Exception {
    Random random = new Random(8737);
    byte[] hello = ClientHellos.sunJsse("acme-tls/1");
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(6000)];
        random.nextBytes(input);
        if (input.length > 0 && i % 4 == 0) {
          input[0] = 22; // past the first check
        }
      } else {
        input = hello.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
        input = Arrays.copyOf(input, random.nextInt(input.length + 1));
      }
      ByteBuffer buffer = ByteBuffer.allocate(input.length + 3);
      buffer.position(3);
      buffer.put(input);
      buffer.position(3);
      assertThat(ClientHelloAlpn.read(buffer)).isNotNull();
      assertThat(buffer.position()).isEqualTo(3);
      assertThat(buffer.limit()).isEqualTo(input.length + 3);
    }
  }

  private static Reading read(byte[] wire) {
    return ClientHelloAlpn.read(ByteBuffer.wrap(wire).asReadOnlyBuffer());
  }
}
