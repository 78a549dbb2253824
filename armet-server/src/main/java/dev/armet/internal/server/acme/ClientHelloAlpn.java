package dev.armet.internal.server.acme;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ALPN protocols a TLS ClientHello offers (RFC 8446 §4.1.2 and §5.1, RFC 7301 §3.1) from
 * the first bytes of a connection, before any TLS engine sees them.
 *
 * <p>The bytes come from anyone who connects: they may arrive one at a time, be split across TLS
 * records, lie about lengths or be no TLS at all. The reader never throws, never moves the buffer's
 * position, and looks at no more than {@link #MAX_BYTES}: a ClientHello that does not fit is {@link
 * Unreadable}, as is anything not exactly well formed. Each call reads from the start (at most
 * {@code MAX_BYTES}, so a client sending one byte at a time costs a few million byte reads in all).
 */
final class ClientHelloAlpn {
  /**
   * The most bytes looked at: a validation client's ClientHello (RFC 8737) is well under 2 KiB,
   * even with an X25519MLKEM768 key share; browsers' larger ones are simply not read to the end.
   */
  static final int MAX_BYTES = 4096;

  private static final int HANDSHAKE_RECORD = 22;
  private static final int CLIENT_HELLO = 1;
  private static final int ALPN_EXTENSION = 16;
  private static final int MAX_RECORD = 16_384; // RFC 8446 §5.1: 2^14

  /** What the first bytes say. */
  sealed interface Reading permits Incomplete, Unreadable, Offered {}

  /** Not complete yet, and nothing in its records so far rules it out. */
  record Incomplete() implements Reading {}

  /** Not a TLS ClientHello this reader accepts: malformed, not TLS, or too large. */
  record Unreadable() implements Reading {}

  /** A complete, well-formed ClientHello offering these protocols (empty: no ALPN extension). */
  record Offered(List<String> protocols) implements Reading {
    public Offered {
      protocols = List.copyOf(protocols);
    }
  }

  private static final Reading INCOMPLETE = new Incomplete();
  private static final Reading UNREADABLE = new Unreadable();

  private ClientHelloAlpn() {}

  /** Reads {@code wire} from its position to its limit, leaving both unchanged. */
  static Reading read(ByteBuffer wire) {
    int n = Math.min(wire.remaining(), MAX_BYTES);
    byte[] bytes = new byte[n];
    wire.get(wire.position(), bytes);
    Reading reading = read(bytes);
    // A ClientHello still incomplete after MAX_BYTES is too large to be read.
    return reading instanceof Incomplete && wire.remaining() >= MAX_BYTES ? UNREADABLE : reading;
  }

  /** Takes the handshake bytes out of the records, then reads the first handshake message. */
  private static Reading read(byte[] wire) {
    byte[] handshake = new byte[wire.length];
    int handshakeLength = 0;
    int messageLength = -1; // header and body, once the header is in
    int at = 0;
    while (messageLength < 0 || handshakeLength < messageLength) {
      if (at < wire.length && (wire[at] & 0xff) != HANDSHAKE_RECORD) {
        return UNREADABLE; // e.g. "GET ", or an alert
      }
      if (at + 1 < wire.length && (wire[at + 1] & 0xff) != 3) {
        return UNREADABLE; // record versions are 3.x
      }
      if (at + 5 > wire.length) {
        return INCOMPLETE;
      }
      int recordLength = u16(wire, at + 3);
      if (recordLength == 0 || recordLength > MAX_RECORD) {
        return UNREADABLE; // RFC 8446 §5.1: no empty handshake fragments
      }
      int take = Math.min(recordLength, wire.length - at - 5);
      System.arraycopy(wire, at + 5, handshake, handshakeLength, take);
      handshakeLength += take;
      at += 5 + take;
      if (handshakeLength >= 1 && (handshake[0] & 0xff) != CLIENT_HELLO) {
        return UNREADABLE;
      }
      if (messageLength < 0 && handshakeLength >= 4) {
        messageLength = 4 + u24(handshake, 1);
        if (messageLength > MAX_BYTES) {
          return UNREADABLE;
        }
      }
      if (take < recordLength && (messageLength < 0 || handshakeLength < messageLength)) {
        return INCOMPLETE; // the rest of this record has not arrived
      }
    }
    return clientHello(ByteBuffer.wrap(handshake, 4, messageLength - 4).slice());
  }

  /** The body of a ClientHello, exactly. */
  private static Reading clientHello(ByteBuffer body) {
    if (body.remaining() < 2 + 32) { // legacy_version, random
      return UNREADABLE;
    }
    body.position(2 + 32);
    ByteBuffer sessionId = vector(body, 1);
    if (sessionId == null || sessionId.remaining() > 32) {
      return UNREADABLE;
    }
    ByteBuffer cipherSuites = vector(body, 2);
    if (cipherSuites == null || cipherSuites.remaining() < 2 || cipherSuites.remaining() % 2 != 0) {
      return UNREADABLE;
    }
    ByteBuffer compressionMethods = vector(body, 1);
    if (compressionMethods == null || !compressionMethods.hasRemaining()) {
      return UNREADABLE;
    }
    if (!body.hasRemaining()) {
      return new Offered(List.of()); // no extensions at all (TLS 1.2 allows it)
    }
    ByteBuffer extensions = vector(body, 2);
    if (extensions == null || body.hasRemaining()) {
      return UNREADABLE;
    }
    List<String> protocols = null;
    while (extensions.hasRemaining()) {
      if (extensions.remaining() < 2) {
        return UNREADABLE;
      }
      int type = extensions.getShort() & 0xffff;
      ByteBuffer data = vector(extensions, 2);
      if (data == null) {
        return UNREADABLE;
      }
      if (type == ALPN_EXTENSION) {
        if (protocols != null) {
          return UNREADABLE; // RFC 8446 §4.2: one extension of each type
        }
        protocols = protocols(data);
        if (protocols == null) {
          return UNREADABLE;
        }
      }
    }
    return new Offered(protocols == null ? List.of() : protocols);
  }

  /** RFC 7301 §3.1: {@code ProtocolName protocol_name_list<2..2^16-1>}, names 1 to 255 bytes. */
  private static List<String> protocols(ByteBuffer extension) {
    ByteBuffer list = vector(extension, 2);
    if (list == null || extension.hasRemaining() || !list.hasRemaining()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    while (list.hasRemaining()) {
      ByteBuffer name = vector(list, 1);
      if (name == null || !name.hasRemaining()) {
        return null;
      }
      byte[] bytes = new byte[name.remaining()];
      name.get(bytes);
      names.add(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    return names;
  }

  /** The next length-prefixed vector, consumed from {@code in}; null when it overruns. */
  private static ByteBuffer vector(ByteBuffer in, int lengthBytes) {
    if (in.remaining() < lengthBytes) {
      return null;
    }
    int length = lengthBytes == 1 ? in.get() & 0xff : in.getShort() & 0xffff;
    if (in.remaining() < length) {
      return null;
    }
    ByteBuffer v = in.slice(in.position(), length);
    in.position(in.position() + length);
    return v;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static int u24(byte[] b, int at) {
    return ((b[at] & 0xff) << 16) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff);
  }
}
