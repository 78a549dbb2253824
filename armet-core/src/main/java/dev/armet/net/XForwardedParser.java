package dev.armet.net;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the de-facto {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code
 * X-Forwarded-Host} lists. Entries may be IPv4, IPv6, {@code [IPv6]:port} or {@code IPv4:port}
 * (some load balancers append ports). Never throws; an entry that is not an address becomes a hop
 * with no address.
 */
final class XForwardedParser {
  private XForwardedParser() {}

  /** Comma-separated, trimmed, empty entries kept (they are malformed hops, not nothing). */
  static List<String> split(@Nullable String header, int max) {
    List<String> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    int start = 0;
    while (true) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? header.length() : comma;
      out.add(header.substring(start, end).strip());
      if (out.size() > max) {
        out.remove(0);
      }
      if (comma < 0) {
        return out;
      }
      start = comma + 1;
    }
  }

  /**
   * Hops from the three headers. A proto/host list the same length as the address list is read hop
   * by hop; any other length (usually one value the edge proxy set and the others passed on)
   * contributes its last value, the one the nearest proxy vouches for, to every hop.
   */
  static List<Hop> parse(
      String forwardedFor, @Nullable String proto, @Nullable String host, int maxHops) {
    List<String> fors = split(forwardedFor, maxHops);
    List<String> protos = split(proto, maxHops);
    List<String> hosts = split(host, maxHops);
    List<Hop> hops = new ArrayList<>(fors.size());
    for (int i = 0; i < fors.size(); i++) {
      String entry = fors.get(i);
      hops.add(
          Hop.of(
              "X-Forwarded-For",
              entry,
              address(entry),
              "X-Forwarded-Proto",
              pick(protos, i, fors.size()),
              "X-Forwarded-Host",
              pick(hosts, i, fors.size())));
    }
    return hops;
  }

  /**
   * The hop X-Forwarded-Proto and -Host describe when there is no X-Forwarded-For: their last
   * values (the nearest proxy's), no address; null when neither is present.
   */
  static @Nullable List<Hop> withoutFor(
      @Nullable String proto, @Nullable String host, int maxHops) {
    if (proto == null && host == null) {
      return null; // the direct request: no list made
    }
    List<String> protos = split(proto, maxHops);
    List<String> hosts = split(host, maxHops);
    if (protos.isEmpty() && hosts.isEmpty()) {
      return null;
    }
    return List.of(
        Hop.of(
            "X-Forwarded-For",
            null,
            null,
            "X-Forwarded-Proto",
            last(protos),
            "X-Forwarded-Host",
            last(hosts)));
  }

  private static @Nullable String last(List<String> values) {
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static @Nullable String pick(List<String> values, int i, int n) {
    if (values.size() == n) {
      return values.get(i);
    }
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  static byte @Nullable [] address(String entry) {
    if (entry.isEmpty()) {
      return null;
    }
    if (entry.charAt(0) == '[') {
      return ForwardedParser.node(entry);
    }
    int colon = entry.indexOf(':');
    if (colon >= 0 && entry.indexOf(':', colon + 1) < 0) {
      return ForwardedParser.node(entry); // IPv4:port
    }
    return IpLiteral.parse(entry);
  }
}
