package dev.armet.net;

import org.jspecify.annotations.Nullable;

/**
 * Strict IP literal parsing and canonical formatting, with no DNS lookups and no exceptions:
 * anything that is not exactly an IPv4 dotted quad or an RFC 4291 IPv6 literal is {@code null}.
 */
final class IpLiteral {
  private IpLiteral() {}

  /** The 4 or 16 address bytes of {@code s[from, to)}; IPv4-mapped IPv6 becomes IPv4. */
  static byte @Nullable [] parse(CharSequence s, int from, int to) {
    if (s == null || from < 0 || to > s.length() || to - from < 2 || to - from > 45) {
      return null;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == ':') {
        return unmap(parseV6(s, from, to));
      }
    }
    return parseV4Only(s, from, to);
  }

  static byte @Nullable [] parse(String s) {
    return s == null ? null : parse(s, 0, s.length());
  }

  private static boolean parseV4(CharSequence s, int from, int to, byte[] out, int at) {
    int part = 0;
    int i = from;
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int len = i - start;
      // Leading zeros are refused: some stacks read "010" as octal, so it is ambiguous.
      if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
        return false;
      }
      out[at + part++] = (byte) value;
      if (part < 4) {
        if (i >= to || s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return i == to;
  }

  private static byte @Nullable [] parseV4Only(CharSequence s, int from, int to) {
    byte[] out = new byte[4];
    return parseV4(s, from, to, out, 0) ? out : null;
  }

  private static byte @Nullable [] parseV6(CharSequence s, int from, int to) {
    byte[] out = new byte[16];
    int groups = 0;
    int gap = -1;
    int i = from;
    if (s.charAt(i) == ':') {
      if (i + 1 >= to || s.charAt(i + 1) != ':') {
        return null;
      }
      gap = 0;
      i += 2;
    }
    while (i < to) {
      if (groups == 8) {
        return null;
      }
      int start = i;
      int value = 0;
      while (i < to && i - start < 4 && hex(s.charAt(i)) >= 0) {
        value = (value << 4) | hex(s.charAt(i));
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        // Embedded IPv4 in the last 32 bits.
        if (groups > 6 || !parseV4(s, start, to, out, groups * 2)) {
          return null;
        }
        groups += 2;
        i = to;
        break;
      }
      if (i == start) {
        return null;
      }
      out[groups * 2] = (byte) (value >>> 8);
      out[groups * 2 + 1] = (byte) value;
      groups++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = groups;
        i++;
      } else if (i == to) {
        return null;
      }
    }
    if (gap < 0) {
      return groups == 8 ? out : null;
    }
    if (groups > 7) {
      return null;
    }
    int tail = groups - gap;
    System.arraycopy(out, gap * 2, out, 16 - tail * 2, tail * 2);
    java.util.Arrays.fill(out, gap * 2, 16 - tail * 2, (byte) 0);
    return out;
  }

  private static byte @Nullable [] unmap(byte @Nullable [] v6) {
    if (v6 == null) {
      return null;
    }
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return v6;
      }
    }
    if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
      return v6;
    }
    return new byte[] {v6[12], v6[13], v6[14], v6[15]};
  }

  /** Canonical text: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run as ::). */
  static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 255) + "." + (a[1] & 255) + "." + (a[2] & 255) + "." + (a[3] & 255);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int g = 0; g < 8; ) {
      if (group(a, g) != 0) {
        g++;
        continue;
      }
      int start = g;
      while (g < 8 && group(a, g) == 0) {
        g++;
      }
      if (g - start > bestLen) {
        bestStart = start;
        bestLen = g - start;
      }
    }
    StringBuilder out = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(group(a, g)));
    }
    return out.toString();
  }

  private static int group(byte[] a, int g) {
    return ((a[g * 2] & 255) << 8) | (a[g * 2 + 1] & 255);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
