package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@link SipHash} against the reference implementation's test vectors ({@code veorq/SipHash} {@code
 * vectors.h}: key 00..0f, message i the bytes 00..i-1, for i from 0 to 63), for the 64- and the
 * 128-bit outputs, from a byte array and from an ASCII string read in place.
 */
class SipHashTest {
  static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
  static final long K0 = 0x0706050403020100L;
  static final long K1 = 0x0f0e0d0c0b0a0908L;

  @Test
  void hash64_referenceVectors() throws IOException {
    List<byte[]> expected = vectors("64");
    assertThat(expected).hasSize(64);
    SipHash h = new SipHash();
    for (int i = 0; i < 64; i++) {
      byte[] in = message(i, 0);
      assertThat(bytes(h.hash64(K0, K1, in, 0, i))).as("message %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void hash128_referenceVectors() throws IOException {
    List<byte[]> expected = vectors("128");
    assertThat(expected).hasSize(64);
    SipHash h = new SipHash();
    for (int i = 0; i < 64; i++) {
      h.hash128(K0, K1, message(i, 0), 0, i);
      assertThat(bytes(h.lo(), h.hi())).as("message %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void hash128_withinLargerArray_readsOnlyItsRange() throws IOException {
    List<byte[]> expected = vectors("128");
    SipHash h = new SipHash();
    for (int i = 0; i < 64; i++) {
      byte[] padded = new byte[i + 11];
      java.util.Arrays.fill(padded, (byte) 0x5a);
      System.arraycopy(message(i, 0), 0, padded, 5, i);
      h.hash128(K0, K1, padded, 5, 5 + i);
      assertThat(bytes(h.lo(), h.hi())).as("message %d", i).isEqualTo(expected.get(i));
    }
  }

  /** The reference messages are bytes 00..3f: ASCII, so a string of those chars hashes the same. */
  @Test
  void hash128Ascii_referenceVectors() throws IOException {
    List<byte[]> expected = vectors("128");
    SipHash h = new SipHash();
    for (int i = 0; i < 64; i++) {
      String text = new String(message(i, 0), StandardCharsets.ISO_8859_1);
      assertThat(h.hash128Ascii(K0, K1, text)).isTrue();
      assertThat(bytes(h.lo(), h.hi())).as("message %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void hash128Ascii_anyNonAsciiChar_refuses() {
    SipHash h = new SipHash();
    for (int n = 1; n <= 20; n++) {
      for (int at = 0; at < n; at++) {
        for (char c : new char[] {'\u0080', '\u00e9', '\u0100', '\u20ac', '\ud83d', '\uffff'}) {
          char[] chars = "abcdefghijklmnopqrst".substring(0, n).toCharArray();
          chars[at] = c;
          assertThat(h.hash128Ascii(K0, K1, new String(chars)))
              .as("%d at %d", (int) c, at)
              .isFalse();
        }
      }
    }
  }

  @Test
  void hash128Ascii_printableAscii_equalsItsBytes() {
    SipHash text = new SipHash();
    SipHash raw = new SipHash();
    StringBuilder s = new StringBuilder();
    for (int n = 0; n < 100; n++) {
      String value = s.toString();
      assertThat(text.hash128Ascii(K0, K1, value)).isTrue();
      byte[] in = value.getBytes(StandardCharsets.US_ASCII);
      raw.hash128(K0, K1, in, 0, in.length);
      assertThat(text.lo()).isEqualTo(raw.lo());
      assertThat(text.hi()).isEqualTo(raw.hi());
      s.append((char) (0x20 + (n * 7) % 95));
    }
  }

  static byte[] message(int length, int first) {
    byte[] in = new byte[length];
    for (int j = 0; j < length; j++) {
      in[j] = (byte) (first + j);
    }
    return in;
  }

  /** Little-endian bytes of the words, in order: the reference's output layout. */
  static byte[] bytes(long... words) {
    byte[] out = new byte[8 * words.length];
    for (int w = 0; w < words.length; w++) {
      for (int j = 0; j < 8; j++) {
        out[8 * w + j] = (byte) (words[w] >>> (8 * j));
      }
    }
    return out;
  }

  private static List<byte[]> vectors(String width) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(SipHashTest.class.getResourceAsStream("siphash-vectors.txt"));
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] parts = line.split(" ");
        if (parts[0].equals(width)) {
          out.add(HexFormat.of().parseHex(parts[1]));
        }
      }
    }
    return out;
  }
}
