package dev.armet.internal.server.acme;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/** ClientHellos for the reader's tests: real ones from JSSE engines, and hand-made ones. */
public final class ClientHellos {
  private ClientHellos() {}

  /** The first flight of a SunJSSE client offering {@code alpn} (none: no ALPN extension). */
  public static byte[] sunJsse(String... alpn) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    return firstFlight(context, alpn);
  }

  /** A Bouncy Castle client's, with an X25519MLKEM768 key share as browsers send. */
  static byte[] postQuantum(String... alpn) throws Exception {
    SSLContext context =
        SSLContext.getInstance("TLSv1.3", new BouncyCastleJsseProvider(new BouncyCastleProvider()));
    context.init(null, null, null);
    return firstFlight(context, alpn);
  }

  private static byte[] firstFlight(SSLContext context, String... alpn) throws Exception {
    SSLEngine engine = context.createSSLEngine("example.com", 443);
    engine.setUseClientMode(true);
    SSLParameters p = engine.getSSLParameters();
    p.setApplicationProtocols(alpn);
    if (context.getProvider().getName().equals("BCJSSE")) {
      p.setNamedGroups(new String[] {"X25519MLKEM768"}); // so its key share is in the first flight
    }
    engine.setSSLParameters(p);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.beginHandshake();
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }

  /**
   * A one-record ClientHello with these extensions (each from {@link #extension}); null: no
   * extension block at all.
   */
  static byte[] handmade(byte[]... extensions) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 3}); // legacy_version TLS 1.2
    body.writeBytes(new byte[32]); // random
    body.write(0); // empty session id
    body.writeBytes(new byte[] {0, 2, 0x13, 0x01}); // TLS_AES_128_GCM_SHA256
    body.writeBytes(new byte[] {1, 0}); // null compression
    if (extensions != null) {
      byte[] block = concat(extensions);
      body.writeBytes(u16(block.length));
      body.writeBytes(block);
    }
    return record(handshake(body.toByteArray()));
  }

  /** A handshake message header and {@code body}. */
  static byte[] handshake(byte[] body) {
    return concat(
        new byte[] {1, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length},
        body);
  }

  /** One handshake record around {@code fragment}. */
  static byte[] record(byte[] fragment) {
    return concat(new byte[] {22, 3, 1}, u16(fragment.length), fragment);
  }

  static byte[] extension(int type, byte[] data) {
    return concat(u16(type), u16(data.length), data);
  }

  /** An ALPN extension (RFC 7301) listing {@code names}. */
  static byte[] alpn(String... names) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    for (String name : names) {
      byte[] n = name.getBytes(StandardCharsets.US_ASCII);
      list.write(n.length);
      list.writeBytes(n);
    }
    return extension(16, concat(u16(list.size()), list.toByteArray()));
  }

  /**
   * The handshake bytes of {@code wire} (one or more records) sent again in records of at most
   * {@code size} bytes.
   */
  static byte[] refragment(byte[] wire, int size) {
    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    int at = 0;
    while (at + 5 <= wire.length) {
      int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
      handshake.write(wire, at + 5, length);
      at += 5 + length;
    }
    byte[] all = handshake.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < all.length; i += size) {
      out.writeBytes(record(Arrays.copyOfRange(all, i, Math.min(all.length, i + size))));
    }
    return out.toByteArray();
  }

  static byte[] u16(int value) {
    return new byte[] {(byte) (value >> 8), (byte) value};
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
