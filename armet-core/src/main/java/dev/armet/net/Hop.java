package dev.armet.net;

import org.jspecify.annotations.Nullable;

/**
 * One proxy hop as a forwarding header reports it: the address the proxy received the request from
 * ({@code null} when unknown, obfuscated or malformed), and the scheme and host that request used
 * when the header says so.
 */
final class Hop {
  final byte @Nullable [] address;
  final @Nullable String proto;
  final @Nullable String host;

  /** The header whose value for this hop was not understood (and dropped), or null. */
  final @Nullable String badHeader;

  /** That value, as sent (for the event; rendered escaped). */
  final @Nullable String badValue;

  /** Whether that value was the address (so the walk stops at the proxy that wrote it). */
  final boolean badAddress;

  Hop(byte @Nullable [] address, @Nullable String proto, @Nullable String host) {
    this(address, proto, host, null, null, false);
  }

  private Hop(
      byte @Nullable [] address,
      @Nullable String proto,
      @Nullable String host,
      @Nullable String badHeader,
      @Nullable String badValue,
      boolean badAddress) {
    this.address = address;
    this.proto = proto;
    this.host = host;
    this.badHeader = badHeader;
    this.badValue = badValue;
    this.badAddress = badAddress;
  }

  /**
   * A hop from raw header values: each one that is not understood is dropped, and the first such
   * (address first) is remembered so the resolver can report it. An absent address ({@code rawFor}
   * null: a proxy that reports only the scheme or host) is not malformed.
   */
  static Hop of(
      String forHeader,
      @Nullable String rawFor,
      byte @Nullable [] address,
      @Nullable String protoHeader,
      @Nullable String rawProto,
      @Nullable String hostHeader,
      @Nullable String rawHost) {
    @Nullable String proto = proto(rawProto);
    @Nullable String host = host(rawHost);
    if (address == null && rawFor != null) {
      return new Hop(null, proto, host, forHeader, rawFor, true);
    }
    if (rawProto != null && proto == null) {
      return new Hop(address, null, host, protoHeader, rawProto, false);
    }
    if (rawHost != null && host == null) {
      return new Hop(address, proto, null, hostHeader, rawHost, false);
    }
    return new Hop(address, proto, host);
  }

  /** Whether some value of this hop was malformed and dropped. */
  boolean malformed() {
    return badHeader != null;
  }

  /** {@code http} or {@code https} in lower case, or null for anything else. */
  static @Nullable String proto(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String p = raw.strip();
    if (p.equalsIgnoreCase("https")) {
      return "https";
    }
    return p.equalsIgnoreCase("http") ? "http" : null;
  }

  /**
   * {@code raw} when it is a plausible {@code host[:port]} (RFC 3986 reg-name or IP literal, at
   * most 255 characters), else null: a forged host must not reach URLs the application builds.
   */
  static @Nullable String host(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String h = raw.strip();
    if (h.isEmpty() || h.length() > 255) {
      return null;
    }
    int i = 0;
    if (h.charAt(0) == '[') {
      int close = h.indexOf(']');
      if (close < 0 || IpLiteral.parse(h, 1, close) == null) {
        return null;
      }
      i = close + 1;
    } else {
      while (i < h.length() && isRegNameChar(h.charAt(i))) {
        i++;
      }
      if (i == 0) {
        return null;
      }
    }
    if (i == h.length()) {
      return h;
    }
    if (h.charAt(i) != ':' || i + 1 == h.length() || h.length() - i - 1 > 5) {
      return null;
    }
    for (int j = i + 1; j < h.length(); j++) {
      if (h.charAt(j) < '0' || h.charAt(j) > '9') {
        return null;
      }
    }
    return Integer.parseInt(h.substring(i + 1)) <= 65535 ? h : null;
  }

  private static boolean isRegNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
