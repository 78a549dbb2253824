package dev.armet.internal.tls;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Server replies built byte by byte, the well-formed ones after RFC 8446 4.1.3 and 4.1.4. */
final class ServerReplies {
  static final byte[] HRR_RANDOM =
      HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

  private ServerReplies() {}

  /** A HelloRetryRequest selecting {@code group}, in one record. */
  static byte[] helloRetryRequest(int group) {
    return record(22, handshake(serverHelloBody(HRR_RANDOM, 0x0304, group, true)));
  }

  /** A TLS 1.2 ServerHello (no supported_versions, only renegotiation_info). */
  static byte[] tls12ServerHello() {
    return record(22, handshake(serverHelloBody(new byte[32], -1, -1, false)));
  }

  static byte[] alert(int description) {
    return record(21, new byte[] {2, (byte) description});
  }

  static byte[] serverHelloBody(byte[] random, int version, int group, boolean retry) {
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    if (version >= 0) {
      u16(ext, 43);
      u16(ext, 2);
      u16(ext, version);
    }
    if (group >= 0) {
      u16(ext, 51);
      u16(ext, retry ? 2 : 6);
      u16(ext, group);
      if (!retry) {
        u16(ext, 2);
        u16(ext, 0xABCD);
      }
    }
    if (version < 0) {
      u16(ext, 0xFF01); // renegotiation_info, empty
      u16(ext, 1);
      ext.write(0);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    u16(b, 0x0303);
    b.writeBytes(random);
    b.write(0); // empty session id
    u16(b, version == 0x0304 ? 0x1301 : 0xC02F);
    b.write(0);
    u16(b, ext.size());
    b.writeBytes(ext.toByteArray());
    return b.toByteArray();
  }

  static byte[] handshake(byte[] serverHelloBody) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(2);
    b.write(serverHelloBody.length >>> 16);
    u16(b, serverHelloBody.length & 0xFFFF);
    b.writeBytes(serverHelloBody);
    return b.toByteArray();
  }

  static byte[] record(int type, byte[] fragment) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(type);
    u16(b, 0x0303);
    u16(b, fragment.length);
    b.writeBytes(fragment);
    return b.toByteArray();
  }

  static void u16(ByteArrayOutputStream b, int v) {
    b.write(v >>> 8);
    b.write(v & 0xFF);
  }
}
