package dev.armet.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A web origin (RFC 6454): scheme, host and port, compared exactly. Default ports are made
 * explicit, host names are lower-cased and IPv6 literals keep their brackets, so {@code
 * https://Example.com} and {@code https://example.com:443} are the same origin.
 *
 * <pre>{@code
 * Origin.parse("https://app.example:8443").equals(Origin.of("https", "app.example", 8443)) // true
 * Origin.fromUrl("https://app.example/path?q")  // Optional[https://app.example]
 * }</pre>
 */
public final class Origin {
  private final String scheme;
  private final String host;
  private final int port;

  private Origin(String scheme, String host, int port) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  /** An origin from its parts; a port of -1 means the scheme's default. */
  public static Origin of(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    if (!s.equals("http") && !s.equals("https")) {
      throw new IllegalArgumentException(
          "origin scheme must be http or https, was '" + scheme + "'");
    }
    int p = port == -1 ? defaultPort(s) : port;
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("origin port must be 1-65535, was " + port);
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.isEmpty() || !validHost(h)) {
      throw new IllegalArgumentException(
          "origin host is not a host name or IP literal: '" + host + "'");
    }
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return new Origin(s, h, p);
  }

  /**
   * Parses a serialized origin as browsers send it in the {@code Origin} header (scheme, host,
   * optional port, nothing else). Configuration errors name the value.
   *
   * @throws IllegalArgumentException if it is not such an origin (this includes {@code null})
   */
  public static Origin parse(String serialized) {
    return tryParse(serialized)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not an origin (scheme://host[:port], no path): '" + serialized + "'"));
  }

  /** Parses an {@code Origin} header value; empty for {@code null}, opaque or malformed values. */
  public static Optional<Origin> tryParse(String serialized) {
    if (serialized == null || serialized.length() > 2048) {
      return Optional.empty();
    }
    int sep = serialized.indexOf("://");
    if (sep <= 0) {
      return Optional.empty();
    }
    String rest = serialized.substring(sep + 3);
    if (rest.isEmpty()
        || rest.indexOf('/') >= 0
        || rest.indexOf('?') >= 0
        || rest.indexOf('#') >= 0
        || rest.indexOf('@') >= 0) {
      return Optional.empty();
    }
    return hostPort(serialized.substring(0, sep), rest);
  }

  /** The origin of an absolute http(s) URL such as a {@code Referer}; empty if it is not one. */
  public static Optional<Origin> fromUrl(String url) {
    if (url == null || url.length() > 8192) {
      return Optional.empty();
    }
    int sep = url.indexOf("://");
    if (sep <= 0) {
      return Optional.empty();
    }
    String rest = url.substring(sep + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    if (authority.indexOf('@') >= 0) {
      return Optional.empty();
    }
    return hostPort(url.substring(0, sep), authority);
  }

  private static Optional<Origin> hostPort(String scheme, String authority) {
    String host = authority;
    int port = -1;
    int colon = authority.lastIndexOf(':');
    int bracket = authority.lastIndexOf(']');
    if (colon > bracket) {
      String digits = authority.substring(colon + 1);
      if (digits.isEmpty()
          || digits.length() > 5
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      port = Integer.parseInt(digits);
      host = authority.substring(0, colon);
    }
    try {
      return Optional.of(of(scheme, host, port));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean validHost(String h) {
    if (h.startsWith("[")) {
      return h.endsWith("]")
          && h.length() > 2
          && h.substring(1, h.length() - 1)
              .chars()
              .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    return h.length() <= 253
        && h.chars()
            .allMatch(
                c ->
                    (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9')
                        || c == '-'
                        || c == '.'
                        || c == '_'
                        || c == ':');
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  public String scheme() {
    return scheme;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Origin
        && ((Origin) o).port == port
        && ((Origin) o).scheme.equals(scheme)
        && ((Origin) o).host.equals(host);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, host, port);
  }

  /** The serialized origin, default port omitted: {@code https://example.com}. */
  @Override
  public String toString() {
    return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
  }
}
