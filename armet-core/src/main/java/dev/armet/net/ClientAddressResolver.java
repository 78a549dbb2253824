package dev.armet.net;

import dev.armet.event.EventGate;
import dev.armet.event.SecurityEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds the real client address, scheme and host behind reverse proxies: Express's {@code trust
 * proxy}, done right.
 *
 * <p>Nothing is trusted by default: the socket peer is the client and forwarding headers are
 * ignored. Trust is a list of proxy addresses/CIDR ranges, or a hop count. The configured header
 * ({@code X-Forwarded-For} with {@code -Proto}/{@code -Host}, or RFC 7239 {@code Forwarded}) is
 * read only when the peer is trusted, right to left, stopping at the first untrusted address; so a
 * header a client forged from outside changes nothing. An entry that is not an address ( {@code
 * unknown}, obfuscated, malformed) stops the walk and the nearest proxy that reported it is taken
 * as the client: never a forged-looking address. Only one header kind is read, because a proxy that
 * appends to one usually passes the other through from the client untouched.
 *
 * <p>Threat: {@link Builder#trustedHops} trusts whatever connects; use it only when the application
 * is unreachable except through that many proxies.
 *
 * <pre>{@code
 * ClientAddressResolver resolver = ClientAddressResolver.builder()
 *     .trustedProxies("10.0.0.0/8", "loopback")
 *     .build();
 * }</pre>
 */
public final class ClientAddressResolver {
  /** Which forwarding header the trusted proxies write. */
  public enum Header {
    /** {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}. */
    X_FORWARDED,
    /** RFC 7239 {@code Forwarded}. */
    FORWARDED
  }

  /** Reads a request header; several field lines of one name joined with commas, or null. */
  @FunctionalInterface
  public interface HeaderLookup {
    @Nullable String get(String name);
  }

  static final int MAX_HOPS = 32;

  private final List<Cidr> trusted;
  private final int hops;
  private final Header header;
  private final int ipv6KeyPrefix;
  private final ProxyDiagnostics diagnostics;
  private final DirectAddressCache directAnswers = new DirectAddressCache();

  private ClientAddressResolver(Builder b) {
    this.trusted = List.copyOf(b.trusted);
    this.hops = b.hops;
    this.header = b.header;
    this.ipv6KeyPrefix = b.ipv6KeyPrefix;
    this.diagnostics = new ProxyDiagnostics(EventGate.gated(b.events), b.diagnosticSample);
  }

  /** Trusts nothing: the socket peer is the client. */
  public static ClientAddressResolver direct() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether any proxy is trusted (production start-up checks ask this behind TLS termination). */
  public boolean trustsProxies() {
    return hops > 0 || !trusted.isEmpty();
  }

  /**
   * Resolves one request. Never throws.
   *
   * @param peer the socket peer address ({@code getRemoteAddr()}); one that is no IP literal (a
   *     Unix socket's) stays the client address unless a trusted hop names a client
   * @param scheme the scheme of the connection to us
   * @param host the host the request named, without port
   * @param port the port the request arrived on
   */
  public ClientAddress resolve(
      String peer, String scheme, String host, int port, HeaderLookup headers) {
    List<Hop> chain = hops(headers);
    if (chain == null && peer != null) {
      DirectAddressCache.Entry known = directAnswers.get(peer, scheme, host, port);
      if (known != null) {
        diagnostics.observe(known.address().address(), known.loopback());
        return known.address();
      }
    }
    byte[] peerBytes = peerAddress(peer);
    String peerText = peerBytes == null ? String.valueOf(peer) : IpLiteral.format(peerBytes);
    ClientAddress direct =
        new ClientAddress(peerBytes, peerText, scheme, host, port, false, ipv6KeyPrefix);
    if (chain == null) {
      boolean loopback = isLoopback(peerBytes);
      diagnostics.observe(peerText, loopback);
      if (peer != null && scheme != null && host != null) {
        directAnswers.put(peer, direct, loopback);
      }
      return direct;
    }
    if (!trustsProxies() || (hops == 0 && !isTrusted(peerBytes))) {
      diagnostics.untrustedPeerSentHeader(
          peerText, header == Header.FORWARDED ? "Forwarded" : "X-Forwarded-For");
      diagnostics.observe(peerText, isLoopback(peerBytes));
      return direct;
    }
    // Walk right to left. `trustedSoFar` is the nearest hop we believe: the peer at first.
    byte[] clientBytes = peerBytes;
    Hop source = null;
    Hop reported = null;
    for (int i = chain.size() - 1, depth = 1; i >= 0; i--, depth++) {
      Hop hop = chain.get(i);
      if (hop.address == null) {
        // none, unknown, obfuscated or malformed: the proxy that wrote it is the best we know
        if (hop.badAddress) {
          diagnostics.malformed(peerText, hop, "the address of the proxy that wrote it");
          reported = hop;
        }
        break;
      }
      clientBytes = hop.address;
      source = hop;
      boolean stop = hops > 0 ? depth >= hops : !isTrusted(hop.address);
      if (stop) {
        break;
      }
    }
    boolean named = source != null;
    if (!named) {
      // The nearest proxy named no client (no X-Forwarded-For, no for=): the peer is the best
      // address known, but the scheme and host it reports still describe the request.
      source = chain.isEmpty() ? null : chain.get(chain.size() - 1);
    }
    if (source != null && source.malformed() && source != reported) { // one event per bad hop
      diagnostics.malformed(peerText, source, "the request's own scheme and host");
    }
    if (source == null || (!named && source.proto == null && source.host == null)) {
      diagnostics.observe(peerText, isLoopback(peerBytes));
      return direct;
    }
    String resolvedScheme = source.proto != null ? source.proto : scheme;
    String resolvedHost = host;
    int resolvedPort = source.proto != null ? defaultPort(resolvedScheme) : port;
    if (source.host != null) {
      int colon = source.host.lastIndexOf(':');
      boolean hasPort = colon > source.host.lastIndexOf(']');
      resolvedHost = hasPort ? source.host.substring(0, colon) : source.host;
      resolvedPort =
          hasPort
              ? Integer.parseInt(source.host.substring(colon + 1))
              : defaultPort(resolvedScheme);
    }
    // No hop named a client and the peer is no IP literal (a Unix socket): keep the peer as is.
    String text = clientBytes == null ? peerText : IpLiteral.format(clientBytes);
    diagnostics.observe(text, isLoopback(clientBytes));
    return new ClientAddress(
        clientBytes, text, resolvedScheme, resolvedHost, resolvedPort, true, ipv6KeyPrefix);
  }

  private @Nullable List<Hop> hops(HeaderLookup headers) {
    if (header == Header.FORWARDED) {
      String value = headers.get("Forwarded");
      return value == null || value.isBlank() ? null : ForwardedParser.parse(value, MAX_HOPS);
    }
    String value = headers.get("X-Forwarded-For");
    String proto = headers.get("X-Forwarded-Proto");
    String host = headers.get("X-Forwarded-Host");
    if (value == null || value.isBlank()) {
      // A proxy may set only X-Forwarded-Proto (TLS termination): one hop with no address.
      return XForwardedParser.withoutFor(proto, host, MAX_HOPS);
    }
    return XForwardedParser.parse(value, proto, host, MAX_HOPS);
  }

  private boolean isTrusted(byte @Nullable [] address) {
    for (int i = 0; i < trusted.size(); i++) {
      if (trusted.get(i).matches(address)) {
        return true;
      }
    }
    return false;
  }

  /** The peer as containers report it: maybe bracketed, maybe with a zone id. */
  static byte @Nullable [] peerAddress(String peer) {
    if (peer == null) {
      return null;
    }
    String p = peer;
    if (p.startsWith("[") && p.endsWith("]")) {
      p = p.substring(1, p.length() - 1);
    }
    int zone = p.indexOf('%');
    return IpLiteral.parse(p, 0, zone < 0 ? p.length() : zone);
  }

  private static boolean isLoopback(byte @Nullable [] a) {
    return a != null && (a.length == 4 ? a[0] == 127 : Cidr.high(a) == 0 && Cidr.low(a) == 1);
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : 80;
  }

  /** Builds a {@link ClientAddressResolver}; the default trusts nothing. */
  public static final class Builder {
    private final List<Cidr> trusted = new ArrayList<>();
    private int hops;
    private Header header = Header.X_FORWARDED;
    private int ipv6KeyPrefix = 64;
    private int diagnosticSample = 1000;
    private SecurityEventSink events = SecurityEventSink.logging();

    private Builder() {}

    /**
     * Trusts these proxies: addresses, CIDR ranges, or the names {@code loopback}, {@code private}
     * (RFC 1918 and fc00::/7) and {@code linklocal}.
     */
    public Builder trustedProxies(String... proxies) {
      for (String p : proxies) {
        Objects.requireNonNull(p, "trustedProxies entry");
        switch (p.strip()) {
          case "loopback":
            trusted.addAll(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
            break;
          case "private":
            trusted.addAll(
                List.of(
                    Cidr.parse("10.0.0.0/8"),
                    Cidr.parse("172.16.0.0/12"),
                    Cidr.parse("192.168.0.0/16"),
                    Cidr.parse("fc00::/7")));
            break;
          case "linklocal":
            trusted.addAll(List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10")));
            break;
          default:
            try {
              trusted.add(Cidr.parse(p));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  "trustedProxies: "
                      + e.getMessage()
                      + "; or use 'loopback', 'private' or 'linklocal'",
                  e);
            }
        }
      }
      return this;
    }

    /** Trusts exactly {@code n} proxies in front of the application, whatever their address. */
    public Builder trustedHops(int n) {
      if (n < 0 || n > MAX_HOPS) {
        throw new IllegalArgumentException(
            "trustedHops must be between 0 and " + MAX_HOPS + ", was " + n);
      }
      this.hops = n;
      return this;
    }

    /** Which header the trusted proxies write (default {@link Header#X_FORWARDED}). */
    public Builder header(Header header) {
      this.header = Objects.requireNonNull(header, "header");
      return this;
    }

    /** IPv6 clients are rate-limited per network of this prefix (default 64). */
    public Builder ipv6KeyPrefix(int prefix) {
      if (prefix < 32 || prefix > 128) {
        throw new IllegalArgumentException(
            "ipv6KeyPrefix must be between 32 and 128, was "
                + prefix
                + " (64 is one subscriber's network)");
      }
      this.ipv6KeyPrefix = prefix;
      return this;
    }

    /** After how many requests from one single address to warn (default 1000). */
    public Builder diagnosticSample(int requests) {
      if (requests < 1) {
        throw new IllegalArgumentException("diagnosticSample must be >= 1, was " + requests);
      }
      this.diagnosticSample = requests;
      return this;
    }

    /** Where configuration diagnostics go (default: the {@code armet.security} logger). */
    public Builder events(SecurityEventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    public ClientAddressResolver build() {
      if (hops > 0 && !trusted.isEmpty()) {
        throw new IllegalArgumentException(
            "trustedProxies and trustedHops are exclusive; "
                + "configure either the proxies' addresses (preferred) or their count");
      }
      return new ClientAddressResolver(this);
    }
  }
}
