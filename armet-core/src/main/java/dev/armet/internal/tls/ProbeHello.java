package dev.armet.internal.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A TLS 1.3 ClientHello that offers key-exchange groups but sends no key share (RFC 8446 4.2.8: an
 * empty {@code client_shares}), so a TLS 1.3 server that shares a group must answer with a
 * HelloRetryRequest naming the one it selected (4.1.4), and one that shares none with an alert. No
 * key is ever generated: the probe learns the choice without completing a handshake.
 */
public final class ProbeHello {
  /** TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256. */
  private static final int[] SUITES = {0x1301, 0x1302, 0x1303};

  /** ECDSA, EdDSA, RSA-PSS and RSA PKCS#1 (RFC 8446 4.2.3): every certificate a server may hold. */
  private static final int[] SIGNATURES = {
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401,
    0x0501, 0x0601
  };

  private static final int MAX_GROUPS = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ProbeHello() {}

  /**
   * The ClientHello as one plaintext handshake record.
   *
   * @param serverName the host name for SNI (RFC 6066 3); null or an IP literal sends none
   * @param groups the group code points to offer, most preferred first (1 to 64, each 0–65535)
   * @throws IllegalArgumentException for an empty or oversized group list, a code point out of
   *     range, or a server name that is not an ASCII host name
   */
  public static byte[] clientHello(@Nullable String serverName, List<Integer> groups) {
    if (groups.isEmpty() || groups.size() > MAX_GROUPS) {
      throw new IllegalArgumentException(
          "offer 1 to " + MAX_GROUPS + " groups, was " + groups.size());
    }
    Bytes extensions = new Bytes();
    if (serverName != null && !isIpLiteral(serverName)) {
      byte[] name = hostName(serverName);
      Bytes sni = new Bytes().u16(name.length + 3).u8(0).u16(name.length).raw(name);
      extensions.u16(0).vector16(sni);
    }
    Bytes groupList = new Bytes();
    for (int g : groups) {
      if (g < 0 || g > 0xFFFF) {
        throw new IllegalArgumentException("group code point out of range: " + g);
      }
      groupList.u16(g);
    }
    extensions.u16(10).vector16(new Bytes().vector16(groupList));
    Bytes signatures = new Bytes();
    for (int s : SIGNATURES) {
      signatures.u16(s);
    }
    extensions.u16(13).vector16(new Bytes().vector16(signatures));
    extensions.u16(43).vector16(new Bytes().u8(2).u16(0x0304)); // supported_versions: TLS 1.3
    extensions.u16(51).vector16(new Bytes().u16(0)); // key_share: no share at all

    byte[] random = new byte[32];
    byte[] sessionId = new byte[32]; // middlebox compatibility (RFC 8446 D.4)
    RANDOM.nextBytes(random);
    RANDOM.nextBytes(sessionId);
    Bytes suites = new Bytes();
    for (int s : SUITES) {
      suites.u16(s);
    }
    Bytes body =
        new Bytes()
            .u16(0x0303) // legacy_version
            .raw(random)
            .u8(sessionId.length)
            .raw(sessionId)
            .vector16(suites)
            .u8(1)
            .u8(0) // legacy_compression_methods: null
            .vector16(extensions);
    Bytes handshake = new Bytes().u8(1).u24(body.size()).raw(body.toByteArray());
    return new Bytes().u8(22).u16(0x0301).vector16(handshake).toByteArray();
  }

  private static byte[] hostName(String name) {
    String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (host.isEmpty() || host.length() > 253 || !host.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "not an ASCII host name for SNI (use its punycode form): " + name);
    }
    return host.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (SNI carries host names only). */
  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  /** A growable big-endian byte buffer. */
  private static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int v) {
      out.write(v);
      return this;
    }

    Bytes u16(int v) {
      return u8(v >>> 8).u8(v & 0xFF);
    }

    Bytes u24(int v) {
      return u8(v >>> 16).u16(v & 0xFFFF);
    }

    Bytes raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    /** {@code inner} prefixed by its two-byte length. */
    Bytes vector16(Bytes inner) {
      return u16(inner.size()).raw(inner.toByteArray());
    }

    int size() {
      return out.size();
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
