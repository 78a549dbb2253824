package dev.armet.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.internal.tls.GroupAnswer.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The group probe against a loopback server that answers with scripted bytes: a HelloRetryRequest
 * gives the group, and every broken, foreign or missing reply gives a clear answer within the
 * timeout, never an exception.
 */
class GroupProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  static Stream<Arguments> replies() {
    byte[] hrr = ServerReplies.helloRetryRequest(NamedGroups.X25519_MLKEM768);
    byte[] oversize = ServerReplies.record(22, new byte[0]);
    oversize[3] = (byte) 0xFF; // a record claiming 65,535 bytes
    oversize[4] = (byte) 0xFF;
    byte[] badExtensions = ServerReplies.helloRetryRequest(NamedGroups.X25519);
    badExtensions[badExtensions.length - 13] = 0x7F; // extensions' total length: wrong
    return Stream.of(
        Arguments.of("HelloRetryRequest", hrr, true, Kind.SELECTED, "X25519MLKEM768"),
        Arguments.of(
            "HelloRetryRequest in two records",
            concat(
                ServerReplies.record(22, Arrays.copyOfRange(hrr, 5, 20)),
                ServerReplies.record(22, Arrays.copyOfRange(hrr, 20, hrr.length))),
            true,
            Kind.SELECTED,
            "X25519MLKEM768"),
        Arguments.of(
            "change_cipher_spec before the hello",
            concat(ServerReplies.record(20, new byte[] {1}), hrr),
            true,
            Kind.SELECTED,
            "X25519MLKEM768"),
        Arguments.of("alert", ServerReplies.alert(40), true, Kind.ALERT, "handshake_failure (40)"),
        Arguments.of(
            "TLS 1.2 ServerHello",
            ServerReplies.tls12ServerHello(),
            true,
            Kind.NOT_TLS13,
            "TLS 1.2"),
        Arguments.of(
            "HTTP instead of TLS",
            "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            true,
            Kind.MALFORMED,
            "'HTTP/'"),
        Arguments.of("oversize record", oversize, true, Kind.MALFORMED, "exceeds the TLS limit"),
        Arguments.of(
            "truncated record",
            Arrays.copyOf(hrr, hrr.length - 10),
            true,
            Kind.CLOSED,
            "of a " + (hrr.length - 5) + "-byte record"),
        Arguments.of(
            "truncated header", Arrays.copyOf(hrr, 3), true, Kind.CLOSED, "inside a record header"),
        Arguments.of(
            "wrong extensions length", badExtensions, true, Kind.MALFORMED, "extensions length"),
        Arguments.of(
            "ServerHello claiming more than the record holds",
            ServerReplies.record(22, new byte[] {2, 0, 0, 90, 3, 3}),
            true,
            Kind.CLOSED,
            "inside the ServerHello"),
        Arguments.of(
            "a handshake message that is not a ServerHello",
            ServerReplies.record(22, new byte[] {11, 0, 0, 0}),
            true,
            Kind.MALFORMED,
            "got handshake message 11"),
        Arguments.of(
            "application data", ServerReplies.record(23, new byte[8]), true, Kind.MALFORMED, ""),
        Arguments.of("nothing, then close", new byte[0], true, Kind.CLOSED, "without a reply"),
        Arguments.of("nothing, open", new byte[0], false, Kind.TIMEOUT, "500 ms"),
        Arguments.of(
            "half a hello, then silence",
            Arrays.copyOf(hrr, 30),
            false,
            Kind.TIMEOUT,
            "no complete reply"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void offer_scriptedReply_givesAClearAnswer(
      String name, byte[] reply, boolean close, Kind kind, String detail) throws Exception {
    try (ScriptedServer server = new ScriptedServer(reply, close)) {
      GroupAnswer answer =
          new GroupProbe(server.address(), "example.test", TIMEOUT).offer(NamedGroups.BROWSER);
      assertThat(answer.kind()).as(answer.toString()).isEqualTo(kind);
      assertThat(answer.toString()).contains(detail);
      assertThat(answer.group() >= 0).isEqualTo(kind == Kind.SELECTED);
    }
  }

  @Test
  void accepted_serverThatStalls_isNotAskedAgain() throws Exception {
    // The scripted server refuses a second connection: asking again would throw.
    try (ScriptedServer silent = new ScriptedServer(new byte[0], false)) {
      assertThat(new GroupProbe(silent.address(), null, TIMEOUT).accepted(NamedGroups.KNOWN))
          .isEmpty();
    }
  }

  @Test
  void accepted_eachGroupAlone_keepsThoseSelected() throws Exception {
    byte[] hrr = ServerReplies.helloRetryRequest(NamedGroups.X25519);
    try (ScriptedServer server = new ScriptedServer(hrr, true)) {
      assertThat(
              new GroupProbe(server.address(), null, TIMEOUT).accepted(List.of(NamedGroups.X25519)))
          .containsExactly(NamedGroups.X25519);
    }
  }

  @Test
  void clientHello_offersTheGroupsInOrder_withSniAndNoKeyShare() throws Exception {
    byte[] hrr = ServerReplies.helloRetryRequest(NamedGroups.X25519);
    try (ScriptedServer server = new ScriptedServer(hrr, true)) {
      new GroupProbe(server.address(), "example.test", TIMEOUT).offer(NamedGroups.BROWSER);
      ClientHelloView hello = ClientHelloView.parse(server.clientHello());
      assertThat(hello.extension(10)).containsExactly(0, 8, 0x11, 0xEC, 0, 0x1D, 0, 0x17, 0, 0x18);
      assertThat(hello.extension(51)).containsExactly(0, 0); // an empty client_shares
      assertThat(hello.extension(43)).containsExactly(2, 3, 4); // TLS 1.3 only
      assertThat(new String(hello.rawExtension(0), StandardCharsets.US_ASCII))
          .endsWith("example.test");
      assertThat(hello.extension(13)).isNotEmpty();
    }
  }

  @Test
  void clientHello_ipLiteral_sendsNoSni() {
    ClientHelloView hello =
        ClientHelloView.parse(ProbeHello.clientHello("127.0.0.1", List.of(NamedGroups.X25519)));
    assertThat(hello.hasExtension(0)).isFalse();
    assertThat(hello.hasExtension(10)).isTrue();
  }

  @Test
  void clientHello_badArguments_areRefusedWithTheReason() {
    assertThatThrownBy(() -> ProbeHello.clientHello(null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 64 groups");
    assertThatThrownBy(() -> ProbeHello.clientHello(null, List.of(0x10000)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> ProbeHello.clientHello("bücher.example", List.of(0x1D)))
        .hasMessageContaining("punycode");
    assertThatThrownBy(() -> new GroupProbe(new InetSocketAddress(1), null, Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
  }

  @Test
  void offer_closedPort_isAnIoException() throws Exception {
    InetSocketAddress closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }
    assertThatThrownBy(() -> new GroupProbe(closed, null, TIMEOUT).offer(NamedGroups.BROWSER))
        .isInstanceOf(IOException.class);
  }

  @Test
  void names_knownAndUnknownCodePoints() {
    assertThat(NamedGroups.name(0x11EC)).isEqualTo("X25519MLKEM768");
    assertThat(NamedGroups.name(0x0A0A)).isEqualTo("0x0a0a"); // GREASE
    assertThat(NamedGroups.code("x25519mlkem768")).hasValue(0x11EC);
    assertThat(NamedGroups.code("brainpool")).isEmpty();
    assertThat(NamedGroups.KNOWN.stream().filter(NamedGroups::isPostQuantumHybrid))
        .containsExactly(0x11EC, 0x11EB, 0x11ED);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }
}
