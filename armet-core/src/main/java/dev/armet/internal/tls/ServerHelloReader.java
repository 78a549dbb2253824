package dev.armet.internal.tls;

import dev.armet.internal.tls.GroupAnswer.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads a server's reply to a {@link ProbeHello} as hostile input: at most {@link #MAX_BYTES}
 * bytes, each record and the ServerHello length-checked, every shape of reply a {@link
 * GroupAnswer}. Only the reading itself may fail ({@link java.net.SocketTimeoutException} and other
 * I/O errors of {@code in}); the caller bounds the time.
 */
public final class ServerHelloReader {
  /** The most bytes read from a server: a ServerHello with an ML-KEM-1024 share is under 2 KiB. */
  public static final int MAX_BYTES = 32 * 1024;

  private static final int MAX_RECORD = 16384 + 256; // RFC 8446 5.1 / 5.2
  private static final int MAX_HANDSHAKE = 16384;

  /** SHA-256 of "HelloRetryRequest": the random of a HelloRetryRequest (RFC 8446 4.1.3). */
  private static final byte[] HRR_RANDOM =
      HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

  private ServerHelloReader() {}

  /** The server's answer, from the first bytes it sent. */
  public static GroupAnswer read(InputStream in) throws IOException {
    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    int consumed = 0;
    while (consumed < MAX_BYTES) {
      byte[] header = in.readNBytes(5);
      if (header.length == 0) {
        return GroupAnswer.of(
            Kind.CLOSED,
            handshake.size() > 0
                ? "the connection closed inside the ServerHello"
                : "the server closed the connection without a reply");
      }
      int type = header[0] & 0xFF;
      if (type < 20 || type > 23 || (header.length >= 2 && header[1] != 3)) {
        return GroupAnswer.of(
            Kind.MALFORMED, "not a TLS record: the reply starts " + printable(header));
      }
      if (header.length < 5) {
        return GroupAnswer.of(Kind.CLOSED, "the connection closed inside a record header");
      }
      int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
      if (length > MAX_RECORD) {
        return GroupAnswer.of(
            Kind.MALFORMED, "record length " + length + " exceeds the TLS limit " + MAX_RECORD);
      }
      byte[] fragment = in.readNBytes(length);
      consumed += 5 + length;
      if (fragment.length < length) {
        return GroupAnswer.of(
            Kind.CLOSED,
            "the connection closed after " + fragment.length + " of a " + length + "-byte record");
      }
      switch (type) {
        case 21:
          return alert(fragment);
        case 20:
          continue; // change_cipher_spec (middlebox compatibility): carries nothing
        case 23:
          return GroupAnswer.of(Kind.MALFORMED, "application data before any ServerHello");
        default:
          handshake.writeBytes(fragment);
      }
      byte[] h = handshake.toByteArray();
      if (h.length >= 4) {
        int messageLength = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        if (h[0] != 2) {
          return GroupAnswer.of(
              Kind.MALFORMED, "expected a ServerHello (2), got handshake message " + (h[0] & 0xFF));
        }
        if (messageLength > MAX_HANDSHAKE) {
          return GroupAnswer.of(
              Kind.MALFORMED, "ServerHello length " + messageLength + " is implausible");
        }
        if (h.length >= 4 + messageLength) {
          return serverHello(ByteBuffer.wrap(h, 4, messageLength).slice());
        }
      }
    }
    return GroupAnswer.of(Kind.MALFORMED, "no complete ServerHello in " + MAX_BYTES + " bytes");
  }

  private static GroupAnswer alert(byte[] fragment) {
    if (fragment.length != 2) {
      return GroupAnswer.of(Kind.MALFORMED, "an alert of " + fragment.length + " bytes, not 2");
    }
    return GroupAnswer.of(Kind.ALERT, "alert " + Alerts.name(fragment[1] & 0xFF));
  }

  /** RFC 8446 4.1.3, with every length checked against what is left. */
  private static GroupAnswer serverHello(ByteBuffer body) {
    try {
      int legacyVersion = body.getShort() & 0xFFFF;
      byte[] random = new byte[32];
      body.get(random);
      boolean retry = Arrays.equals(random, HRR_RANDOM);
      int sessionIdLength = body.get() & 0xFF;
      if (sessionIdLength > 32) {
        return GroupAnswer.of(Kind.MALFORMED, "session id of " + sessionIdLength + " bytes");
      }
      body.position(body.position() + sessionIdLength);
      body.getShort(); // cipher_suite
      body.get(); // legacy_compression_method
      if (!body.hasRemaining()) {
        return GroupAnswer.of(Kind.NOT_TLS13, "a ServerHello for " + version(legacyVersion));
      }
      int extensionsLength = body.getShort() & 0xFFFF;
      if (extensionsLength != body.remaining()) {
        return GroupAnswer.of(
            Kind.MALFORMED,
            "extensions length " + extensionsLength + " but " + body.remaining() + " bytes left");
      }
      int selectedVersion = legacyVersion;
      int group = -1;
      while (body.hasRemaining()) {
        int type = body.getShort() & 0xFFFF;
        int length = body.getShort() & 0xFFFF;
        if (length > body.remaining()) {
          return GroupAnswer.of(
              Kind.MALFORMED, "extension " + type + " claims " + length + " bytes");
        }
        ByteBuffer data = body.slice(body.position(), length);
        body.position(body.position() + length);
        if (type == 43) { // supported_versions: selected_version
          selectedVersion = data.getShort() & 0xFFFF;
        } else if (type == 51) { // key_share: selected_group (HRR) or a KeyShareEntry
          group = data.getShort() & 0xFFFF;
        }
      }
      if (selectedVersion != 0x0304) {
        return GroupAnswer.of(Kind.NOT_TLS13, "a ServerHello for " + version(selectedVersion));
      }
      if (group < 0) {
        return GroupAnswer.of(Kind.MALFORMED, "a TLS 1.3 ServerHello without a key_share");
      }
      return GroupAnswer.selected(group, retry ? "HelloRetryRequest" : "ServerHello");
    } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
      return GroupAnswer.of(Kind.MALFORMED, "a truncated ServerHello");
    }
  }

  private static String version(int v) {
    return switch (v) {
      case 0x0300 -> "SSLv3";
      case 0x0301 -> "TLS 1.0";
      case 0x0302 -> "TLS 1.1";
      case 0x0303 -> "TLS 1.2";
      case 0x0304 -> "TLS 1.3";
      default -> String.format(Locale.ROOT, "version 0x%04x", v);
    };
  }

  /** The first bytes as text when printable (an HTTP reply), else as hex. */
  private static String printable(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(x >= 0x20 && x < 0x7F ? String.valueOf((char) x) : String.format("\\x%02x", x));
    }
    return "'" + s + "'";
  }
}
