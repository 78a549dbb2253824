package dev.armet.ratelimit;

/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012), with the 64- and
 * 128-bit outputs of the reference implementation ({@code veorq/SipHash}, whose test vectors {@code
 * SipHashTest} checks). A keyed PRF built for hash tables fed by attackers: without the 128-bit key
 * nobody can choose inputs that collide, nor tell from an output which input it came from.
 *
 * <p>Mutable and not thread-safe: one instance per thread, reused; a call leaves its answer in
 * {@link #lo()} (the first 8 output bytes, little-endian) and {@link #hi()} (the next 8, 128-bit
 * output only), so that a caller gets 128 bits without an array or a result object.
 */
final class SipHash {
  private long v0;
  private long v1;
  private long v2;
  private long v3;
  private long lo;
  private long hi;

  /** The first 8 bytes of the last output, as a little-endian long. */
  long lo() {
    return lo;
  }

  /** Bytes 8 to 15 of the last 128-bit output, as a little-endian long. */
  long hi() {
    return hi;
  }

  /** The 64-bit SipHash-2-4 of {@code in[from, to)} under the key {@code (k0, k1)}. */
  long hash64(long k0, long k1, byte[] in, int from, int to) {
    absorb(k0, k1, in, from, to, false);
    return finish(false);
  }

  /** The 128-bit SipHash-2-4 of {@code in[from, to)}, into {@link #lo()} and {@link #hi()}. */
  void hash128(long k0, long k1, byte[] in, int from, int to) {
    absorb(k0, k1, in, from, to, true);
    finish(true);
  }

  /**
   * The 128-bit SipHash-2-4 of {@code text}'s UTF-8 bytes when every char is ASCII (then those
   * bytes are the chars themselves, read in place: no copy of the text is made), into {@link #lo()}
   * and {@link #hi()}; false, leaving them undefined, if a char is not ASCII.
   */
  boolean hash128Ascii(long k0, long k1, String text) {
    int n = text.length();
    init(k0, k1, true);
    int whole = n & ~7;
    int any = 0; // every char OR-ed together: above 0x7f means not ASCII
    for (int i = 0; i < whole; i += 8) {
      long m = 0;
      for (int j = 7; j >= 0; j--) {
        char c = text.charAt(i + j);
        any |= c;
        m = (m << 8) | (c & 0xff);
      }
      compress(m);
    }
    long last = (long) n << 56;
    for (int j = n - 1; j >= whole; j--) {
      char c = text.charAt(j);
      any |= c;
      last |= (long) (c & 0xff) << (8 * (j - whole));
    }
    compress(last);
    if (any > 0x7f) {
      return false;
    }
    finish(true);
    return true;
  }

  private void absorb(long k0, long k1, byte[] in, int from, int to, boolean wide) {
    init(k0, k1, wide);
    int n = to - from;
    int whole = from + (n & ~7);
    for (int i = from; i < whole; i += 8) {
      long m = 0;
      for (int j = 7; j >= 0; j--) {
        m = (m << 8) | (in[i + j] & 0xff);
      }
      compress(m);
    }
    long last = (long) n << 56; // the length's low byte, then the remaining bytes
    for (int j = to - 1; j >= whole; j--) {
      last |= (long) (in[j] & 0xff) << (8 * (j - whole));
    }
    compress(last);
  }

  private void init(long k0, long k1, boolean wide) {
    v0 = k0 ^ 0x736f6d6570736575L; // "somepseudorandomlygeneratedbytes"
    v1 = k1 ^ 0x646f72616e646f6dL;
    v2 = k0 ^ 0x6c7967656e657261L;
    v3 = k1 ^ 0x7465646279746573L;
    if (wide) {
      v1 ^= 0xee;
    }
  }

  /** One message word: c = 2 rounds. */
  private void compress(long m) {
    v3 ^= m;
    rounds(2);
    v0 ^= m;
  }

  /** d = 4 rounds per output word; sets {@link #lo} (and {@link #hi} when wide). */
  private long finish(boolean wide) {
    v2 ^= wide ? 0xee : 0xff;
    rounds(4);
    lo = v0 ^ v1 ^ v2 ^ v3;
    if (wide) {
      v1 ^= 0xdd;
      rounds(4);
      hi = v0 ^ v1 ^ v2 ^ v3;
    }
    return lo;
  }

  private void rounds(int n) {
    long a = v0;
    long b = v1;
    long c = v2;
    long d = v3;
    for (int r = 0; r < n; r++) { // SIPROUND
      a += b;
      b = Long.rotateLeft(b, 13);
      b ^= a;
      a = Long.rotateLeft(a, 32);
      c += d;
      d = Long.rotateLeft(d, 16);
      d ^= c;
      a += d;
      d = Long.rotateLeft(d, 21);
      d ^= a;
      c += b;
      b = Long.rotateLeft(b, 17);
      b ^= c;
      c = Long.rotateLeft(c, 32);
    }
    v0 = a;
    v1 = b;
    v2 = c;
    v3 = d;
  }
}
