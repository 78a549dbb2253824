package dev.armet.server;

import dev.armet.check.Finding;
import dev.armet.internal.tls.GroupAnswer;
import dev.armet.internal.tls.NamedGroups;
import dev.armet.internal.tls.ProbeHello;
import dev.armet.internal.tls.ServerHelloReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Which key-exchange group a browser would negotiate with the server as configured: the HTTPS
 * connector's own {@link SSLEngine} (SunJSSE, or Bouncy Castle's with {@code tls.post-quantum}),
 * made by the same {@link TlsSetup}, reads a browser-like {@link ProbeHello} in memory and its
 * HelloRetryRequest names the group. No socket, no port; the engine is discarded.
 */
final class NegotiatedGroupCheck {
  private static final int MAX_STEPS = 32;

  private NegotiatedGroupCheck() {}

  /**
   * The finding: info when the group is known (a warning when {@code tls.post-quantum} is on and a
   * classical group wins), info saying why when the handshake could not be done.
   *
   * @param certificate the certificate the connector serves; for the development certificate or
   *     ACME a fresh stand-in of the same kind does (the group does not depend on it)
   */
  static Finding check(TlsConfig tls, ServerCertificate certificate) {
    String offer =
        NamedGroups.BROWSER.stream().map(NamedGroups::name).collect(Collectors.joining(", "));
    GroupAnswer answer;
    try {
      answer = answer(tls, certificate);
    } catch (Exception e) { // Jetty's start() declares Exception; any failure is the finding
      return Finding.info(
          "tls-groups",
          "could not tell which group a browser negotiates (in-memory handshake failed: "
              + e.getMessage()
              + ")");
    }
    if (!answer.isSelected()) {
      return Finding.info(
          "tls-groups", "a browser offering " + offer + " got no group from the server: " + answer);
    }
    String group = NamedGroups.name(answer.group());
    String message = "a browser offering " + offer + " negotiates " + group;
    if (NamedGroups.isPostQuantumHybrid(answer.group())) {
      return Finding.info("tls-groups", message + " (post-quantum hybrid)");
    }
    if (tls.postQuantum()) {
      return Finding.warning(
          "tls-groups",
          message + " although tls.post-quantum=true",
          "check that Bouncy Castle's JSSE (bctls) is on the class path and not shadowed");
    }
    return Finding.info(
        "tls-groups", message + " (classical; tls.post-quantum=true adds X25519MLKEM768)");
  }

  /** A stand-in for the development or ACME certificate: EC P-256, like the real one. */
  static ServerCertificate standIn(Instant now) throws IOException {
    DevelopmentCertificate dev = DevelopmentCertificate.generate(now);
    return new ServerCertificate(List.of(dev.certificate()), dev.privateKey());
  }

  private static GroupAnswer answer(TlsConfig tls, ServerCertificate certificate) throws Exception {
    SslContextFactory.Server factory =
        TlsSetup.contextFactory(tls, certificate, UnaryOperator.identity());
    factory.start();
    try {
      SSLEngine engine = factory.newSSLEngine();
      factory.customize(engine);
      engine.setUseClientMode(false);
      return ServerHelloReader.read(new ByteArrayInputStream(reply(engine)));
    } finally {
      factory.stop();
    }
  }

  /** Feeds the ClientHello to {@code engine} and returns what it wraps first. */
  private static byte[] reply(SSLEngine engine) throws SSLException {
    ByteBuffer in = ByteBuffer.wrap(ProbeHello.clientHello(null, NamedGroups.BROWSER));
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.beginHandshake();
    for (int step = 0; step < MAX_STEPS; step++) {
      HandshakeStatus status = engine.getHandshakeStatus();
      if (status == HandshakeStatus.NEED_TASK) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
          task.run();
        }
      } else if (status == HandshakeStatus.NEED_WRAP) {
        engine.wrap(ByteBuffer.allocate(0), out);
        if (out.position() > 0) {
          break;
        }
      } else if (status == HandshakeStatus.NEED_UNWRAP && in.hasRemaining()) {
        engine.unwrap(in, app);
      } else {
        break; // waiting for more than the one ClientHello: nothing to learn
      }
    }
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }
}
