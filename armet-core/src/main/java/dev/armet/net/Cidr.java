package dev.armet.net;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or one
 * address ({@code 192.0.2.1}, {@code ::1}). Parsing is strict and never resolves names; matching
 * never throws and is allocation-free. IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) match
 * as the IPv4 address they carry.
 *
 * <pre>{@code
 * Cidr lan = Cidr.parse("10.0.0.0/8");
 * lan.matches("10.1.2.3");      // true
 * lan.matches("not an ip");     // false
 * }</pre>
 */
public final class Cidr {
  private final boolean v4;
  private final long hi;
  private final long lo;
  private final long hiMask;
  private final long loMask;
  private final int prefix;

  private Cidr(boolean v4, long hi, long lo, int prefix) {
    this.v4 = v4;
    this.prefix = prefix;
    int bits = v4 ? 32 : 128;
    int shift = v4 ? 96 : 0; // IPv4 lives in the low 32 bits of lo
    int p = prefix + shift;
    this.hiMask = p >= 64 ? -1L : (p == 0 ? 0L : -1L << (64 - p));
    this.loMask = p <= 64 ? 0L : (p >= 128 ? -1L : -1L << (128 - p));
    if (v4) {
      this.hi = 0;
      this.lo = lo & loMask;
    } else {
      this.hi = hi & hiMask;
      this.lo = lo & loMask;
    }
    assert prefix <= bits;
  }

  /**
   * Parses {@code address} or {@code address/prefix}.
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  public static Cidr parse(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = IpLiteral.parse(addr);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "'"
              + cidr
              + "' is not an IPv4/IPv6 address or CIDR range"
              + " (write e.g. 10.0.0.0/8 or fd00::/8; host names are not accepted)");
    }
    boolean v4 = bytes.length == 4;
    // An IPv4-mapped IPv6 range (::ffff:10.0.0.0/104) is the IPv4 range it maps (10.0.0.0/8):
    // addresses are unmapped before matching, so that is what it can match.
    boolean mapped = v4 && addr.indexOf(':') >= 0;
    int min = mapped ? 96 : 0;
    int max = v4 && !mapped ? 32 : 128;
    int prefix = max;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (p.isEmpty()
          || p.length() > 3
          || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(p) > max
          || Integer.parseInt(p) < min) {
        throw new IllegalArgumentException(
            "prefix length of '"
                + cidr
                + "' must be "
                + min
                + ".."
                + max
                + ", was '"
                + p
                + "'"
                + (mapped ? " (an IPv4-mapped range; or write the IPv4 range itself)" : ""));
      }
      prefix = Integer.parseInt(p);
    }
    if (mapped) {
      prefix -= 96;
    }
    return new Cidr(v4, v4 ? 0 : high(bytes), low(bytes), prefix);
  }

  /** Whether {@code address} (an IP literal) is in this range; anything unparseable is not. */
  public boolean matches(String address) {
    return matches(IpLiteral.parse(address));
  }

  /** Whether the 4- or 16-byte address is in this range (IPv4-mapped IPv6 as IPv4). */
  public boolean matches(byte @Nullable [] address) {
    if (address == null || (address.length != 4 && address.length != 16)) {
      return false;
    }
    if (address.length == 16 && isMapped(address)) {
      if (!v4) {
        return false; // it is an IPv4 address, as everywhere else in Armet
      }
      long v =
          ((address[12] & 255L) << 24)
              | ((address[13] & 255L) << 16)
              | ((address[14] & 255L) << 8)
              | (address[15] & 255L);
      return (v & loMask) == lo;
    }
    if ((address.length == 4) != v4) {
      return false;
    }
    if (v4) {
      return (low(address) & loMask) == lo;
    }
    return (high(address) & hiMask) == hi && (low(address) & loMask) == lo;
  }

  public int prefixLength() {
    return prefix;
  }

  static boolean isMapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  static long high(byte[] a) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (a[i] & 255);
    }
    return v;
  }

  static long low(byte[] a) {
    long v = 0;
    for (int i = a.length == 4 ? 0 : 8; i < a.length; i++) {
      v = (v << 8) | (a[i] & 255);
    }
    return v;
  }

  @Override
  public String toString() {
    byte[] bytes = new byte[v4 ? 4 : 16];
    long h = hi;
    long l = lo;
    for (int i = bytes.length - 1; i >= 0; i--) {
      int fromEnd = bytes.length - 1 - i;
      bytes[i] = (byte) (fromEnd < 8 ? l >>> (8 * fromEnd) : h >>> (8 * (fromEnd - 8)));
    }
    return IpLiteral.format(bytes) + "/" + prefix;
  }
}
