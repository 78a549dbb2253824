package dev.armet.net;

import org.jspecify.annotations.Nullable;

/**
 * Where a request really came from, as {@link ClientAddressResolver} determined it: the client's IP
 * address, and the scheme and host it used. Behind a trusted TLS-terminating proxy, {@link
 * #isSecure()} is true, so secure cookies and HSTS work.
 *
 * <pre>{@code
 * ClientAddress client = resolver.resolve(peer, scheme, host, port, headers);
 * limiter.consume(client.rateLimitKey());
 * }</pre>
 */
public final class ClientAddress {
  private final byte @Nullable [] address;
  private final String text;
  private final String scheme;
  private final String host;
  private final int port;
  private final boolean forwarded;
  private final int ipv6KeyPrefix;

  ClientAddress(
      byte @Nullable [] address,
      String text,
      String scheme,
      String host,
      int port,
      boolean forwarded,
      int ipv6KeyPrefix) {
    this.address = address;
    this.text = text;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.forwarded = forwarded;
    this.ipv6KeyPrefix = ipv6KeyPrefix;
  }

  /** The client IP in canonical form (dotted quad, or RFC 5952 IPv6). */
  public String address() {
    return text;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return scheme;
  }

  public boolean isSecure() {
    return "https".equals(scheme);
  }

  /** The host name the client asked for, without port. */
  public String host() {
    return host;
  }

  /** The port the client connected to. */
  public int port() {
    return port;
  }

  /** Whether the answer came from a trusted proxy's forwarding header, not the socket. */
  public boolean isForwarded() {
    return forwarded;
  }

  /**
   * The key to rate-limit this client by: the IPv4 address, or the IPv6 network of the configured
   * prefix (default /64, since one subscriber is handed a whole /64 and can use any address in it),
   * e.g. {@code 2001:db8:1:2::/64}.
   */
  public String rateLimitKey() {
    return keyOf(address, text, ipv6KeyPrefix);
  }

  static String keyOf(byte @Nullable [] address, String text, int ipv6Prefix) {
    if (address == null) {
      return text;
    }
    if (address.length == 4 || ipv6Prefix >= 128) {
      return text;
    }
    byte[] masked = address.clone();
    for (int bit = ipv6Prefix; bit < 128; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return IpLiteral.format(masked) + "/" + ipv6Prefix;
  }

  @Override
  public String toString() {
    return text + " via " + scheme + "://" + host + ":" + port + (forwarded ? " (forwarded)" : "");
  }
}
