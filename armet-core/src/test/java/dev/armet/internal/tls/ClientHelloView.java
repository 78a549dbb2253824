package dev.armet.internal.tls;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The extensions of a ClientHello record, parsed independently of {@link ProbeHello}. */
final class ClientHelloView {
  private final Map<Integer, byte[]> extensions;

  private ClientHelloView(Map<Integer, byte[]> extensions) {
    this.extensions = extensions;
  }

  static ClientHelloView parse(byte[] record) {
    ByteBuffer b = ByteBuffer.wrap(record);
    if (b.get() != 22 || b.getShort() != 0x0301 || (b.getShort() & 0xFFFF) != b.remaining()) {
      throw new AssertionError("not one handshake record");
    }
    if (b.get() != 1) {
      throw new AssertionError("not a ClientHello");
    }
    int length = ((b.get() & 0xFF) << 16) | (b.getShort() & 0xFFFF);
    if (length != b.remaining()) {
      throw new AssertionError("ClientHello length " + length + " vs " + b.remaining());
    }
    b.getShort();
    skip(b, 32); // random
    skip(b, b.get() & 0xFF); // session id
    skip(b, b.getShort() & 0xFFFF); // cipher suites
    skip(b, b.get() & 0xFF); // compression methods
    if ((b.getShort() & 0xFFFF) != b.remaining()) {
      throw new AssertionError("extensions length");
    }
    Map<Integer, byte[]> ext = new LinkedHashMap<>();
    while (b.hasRemaining()) {
      int type = b.getShort() & 0xFFFF;
      byte[] data = new byte[b.getShort() & 0xFFFF];
      b.get(data);
      ext.put(type, data);
    }
    return new ClientHelloView(ext);
  }

  private static void skip(ByteBuffer b, int n) {
    b.position(b.position() + n);
  }

  boolean hasExtension(int type) {
    return extensions.containsKey(type);
  }

  byte[] rawExtension(int type) {
    return extensions.get(type);
  }

  /** The extension's bytes as unsigned ints. */
  int[] extension(int type) {
    byte[] d = extensions.get(type);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = d[i] & 0xFF;
    }
    return out;
  }
}
