package dev.armet.net;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the RFC 7239 {@code Forwarded} header: elements separated by commas, pairs by semicolons,
 * values as tokens or quoted strings (§4). A {@code for} node may be an IPv4 address, a bracketed
 * IPv6 address, either with a port, {@code unknown} or an obfuscated identifier (§6); only real
 * addresses yield one. Never throws; a malformed element becomes a hop with no address, so the walk
 * stops there instead of trusting what follows.
 */
final class ForwardedParser {
  private ForwardedParser() {}

  /**
   * The hops, left (furthest) to right (nearest); at most {@code maxHops}, keeping the rightmost.
   */
  static List<Hop> parse(String header, int maxHops) {
    List<Hop> hops = new ArrayList<>();
    if (header == null) {
      return hops;
    }
    int i = 0;
    int n = header.length();
    while (i <= n) {
      int elementStart = i;
      String forNode = null;
      String proto = null;
      String host = null;
      boolean broken = false;
      boolean elementDone = false;
      while (!elementDone) {
        i = skipSpace(header, i);
        int nameStart = i;
        while (i < n && isTchar(header.charAt(i))) {
          i++;
        }
        String name = header.substring(nameStart, i);
        i = skipSpace(header, i);
        String value = null;
        if (i < n && header.charAt(i) == '=' && !name.isEmpty()) {
          i = skipSpace(header, i + 1);
          if (i < n && header.charAt(i) == '"') {
            StringBuilder v = new StringBuilder();
            i++;
            boolean closed = false;
            while (i < n) {
              char c = header.charAt(i++);
              if (c == '\\' && i < n) {
                v.append(header.charAt(i++));
              } else if (c == '"') {
                closed = true;
                break;
              } else {
                v.append(c);
              }
            }
            value = closed ? v.toString() : null;
          } else {
            int vs = i;
            while (i < n && isTchar(header.charAt(i))) {
              i++;
            }
            value = vs == i ? null : header.substring(vs, i);
          }
        }
        if (value == null) {
          broken = true;
        } else if (name.equalsIgnoreCase("for")) {
          broken |= forNode != null; // a repeated parameter makes the element ambiguous
          forNode = value;
        } else if (name.equalsIgnoreCase("proto")) {
          proto = value;
        } else if (name.equalsIgnoreCase("host")) {
          host = value;
        }
        // Skip to the next ';' or ',' (garbage in between marks the element broken).
        i = skipSpace(header, i);
        while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
          broken = true;
          i++;
        }
        if (i < n && header.charAt(i) == ';') {
          i++;
        } else {
          elementDone = true;
        }
      }
      if (broken) {
        hops.add(
            Hop.of(
                "Forwarded",
                header.substring(elementStart, Math.min(i, n)).strip(),
                null,
                null,
                null,
                null,
                null));
      } else {
        hops.add(
            Hop.of(
                "Forwarded for",
                forNode,
                node(forNode),
                "Forwarded proto",
                proto,
                "Forwarded host",
                host));
      }
      if (hops.size() > maxHops) {
        hops.remove(0);
      }
      i++; // past ',' (or past the end)
    }
    return hops;
  }

  /** The address of a node (§6), or null for unknown, obfuscated or malformed ones. */
  static byte @Nullable [] node(@Nullable String node) {
    if (node == null || node.isEmpty()) {
      return null;
    }
    if (node.charAt(0) == '[') {
      int close = node.indexOf(']');
      if (close < 0 || !validPort(node, close + 1)) {
        return null;
      }
      byte[] a = IpLiteral.parse(node, 1, close);
      return a != null && a.length == 16 ? a : null;
    }
    int colon = node.indexOf(':');
    int end = colon < 0 ? node.length() : colon;
    if (colon >= 0 && !validPort(node, colon)) {
      return null;
    }
    byte[] a = IpLiteral.parse(node, 0, end);
    return a != null && a.length == 4 ? a : null;
  }

  /** Nothing at {@code at}, or ':' and a port: 1–5 digits or an obfuscated "_" token. */
  private static boolean validPort(String s, int at) {
    if (at == s.length()) {
      return true;
    }
    if (s.charAt(at) != ':' || at + 1 == s.length() || s.length() - at - 1 > 32) {
      return false;
    }
    if (s.charAt(at + 1) == '_') {
      return true; // obfuscated port (§6.3)
    }
    String port = s.substring(at + 1);
    return port.length() <= 5
        && port.chars().allMatch(c -> c >= '0' && c <= '9')
        && Integer.parseInt(port) <= 65535;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~:".indexOf(c) >= 0
        || c == '['
        || c == ']';
  }
}
