package dev.armet.net;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz properties over seeded random inputs built from the characters these grammars use, so
 * every build exercises thousands of near-valid inputs whether or not Jazzer fuzzes.
 */
class AddressParsingRandomTest {
  private static final String ALPHABET =
      "0123456789abcdefABCDEF.:[]_,;=\" \t\\forFOR-prothsuknw%/x";
  private static final String[] PIECES = {
    "for=",
    "proto=https",
    "host=",
    "\"[",
    "]\"",
    "::",
    "::ffff:",
    "10.0.0.",
    "192.0.2.",
    "2001:db8::",
    ", ",
    ";",
    "unknown",
    "_hidden",
    ":8080",
    "\\\""
  };

  @Test
  void forwardingHeaders_randomNearValidInputs_keepProperties() {
    Random random = new Random(20261121L);
    for (int i = 0; i < 5_000; i++) {
      AddressParsingProperties.forwardingHeader(randomText(random, 60));
    }
  }

  @Test
  void ipLiterals_randomNearValidInputs_agreeWithJdk() throws Exception {
    Random random = new Random(7L);
    for (int i = 0; i < 50_000; i++) {
      AddressParsingProperties.ipLiteral(randomText(random, 12));
    }
  }

  @Test
  void cidr_randomNetworksAndAddresses_agreeWithBitReference() {
    Random random = new Random(42L);
    for (int i = 0; i < 50_000; i++) {
      byte[] network = new byte[random.nextBoolean() ? 4 : 16];
      random.nextBytes(network);
      byte[] address = network.clone();
      // Flip one random bit so both sides of the prefix get exercised.
      int bit = random.nextInt(address.length * 8);
      address[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
      if (random.nextInt(10) == 0) {
        address = new byte[address.length == 4 ? 16 : 4];
        random.nextBytes(address);
      }
      AddressParsingProperties.cidr(network, random.nextInt(129), address);
    }
  }

  private static String randomText(Random random, int maxPieces) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(maxPieces);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        out.append(PIECES[random.nextInt(PIECES.length)]);
      } else {
        out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return out.toString();
  }
}
