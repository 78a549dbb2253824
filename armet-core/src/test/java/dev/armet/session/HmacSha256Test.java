package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@link HmacSha256} answers what the JDK's {@code Mac("HmacSHA256")} answers, for any input. */
class HmacSha256Test {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 4231 section 4: key, data, HMAC-SHA-256 (case 5 gives the first 128 bits only). */
  @Test
  void rfc4231_testCases() throws Exception {
    byte[] aa131 = filled(131, 0xaa);
    check(
        filled(20, 0x0b),
        ascii("Hi There"),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    check(
        ascii("Jefe"),
        ascii("what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    check(
        filled(20, 0xaa),
        filled(50, 0xdd),
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    check(
        HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
        filled(50, 0xcd),
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    check(filled(20, 0x0c), ascii("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b");
    check(
        aa131,
        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    check(
        aa131,
        ascii(
            "This is a test using a larger than block-size key and a larger than block-size"
                + " data. The key needs to be hashed before being used by the HMAC algorithm."),
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
  }

  @Test
  void randomKeysAndInputs_inAnyPieces_matchTheJdk() throws Exception {
    Random random = new Random(18);
    for (int round = 0; round < 2000; round++) {
      byte[] key = new byte[random.nextInt(200)];
      byte[] data = new byte[random.nextInt(700)];
      random.nextBytes(key);
      random.nextBytes(data);
      HmacSha256 hmac = new HmacSha256(key.clone());
      // Twice per instance, through a copy too: each doFinal leaves it keyed and empty.
      for (HmacSha256 h : new HmacSha256[] {hmac, hmac, hmac.copy()}) {
        int at = 0;
        while (at < data.length) {
          int n = Math.min(data.length - at, random.nextInt(130));
          h.update(data, at, n);
          at += n;
        }
        byte[] out = new byte[HmacSha256.LENGTH + 3];
        h.doFinal(out, 3);
        assertThat(Arrays.copyOfRange(out, 3, out.length))
            .as("key %d bytes, data %d bytes", key.length, data.length)
            .isEqualTo(jdk(key, data));
      }
    }
  }

  @Test
  void keyArray_isNotKept() throws Exception {
    byte[] key = filled(32, 0x42);
    HmacSha256 hmac = new HmacSha256(key);
    Arrays.fill(key, (byte) 0); // the caller wipes its copy
    byte[] out = new byte[HmacSha256.LENGTH];
    hmac.update(ascii("x"), 0, 1);
    hmac.doFinal(out, 0);
    assertThat(out).isEqualTo(jdk(filled(32, 0x42), ascii("x")));
  }

  private static void check(byte[] key, byte[] data, String expectedHex) throws Exception {
    HmacSha256 hmac = new HmacSha256(key);
    hmac.update(data, 0, data.length);
    byte[] out = new byte[HmacSha256.LENGTH];
    hmac.doFinal(out, 0);
    assertThat(out).isEqualTo(jdk(key, data));
    assertThat(HEX.formatHex(out)).startsWith(expectedHex);
  }

  private static byte[] jdk(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    // SecretKeySpec refuses an empty key; HMAC over an empty key is a zero-padded block.
    mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
