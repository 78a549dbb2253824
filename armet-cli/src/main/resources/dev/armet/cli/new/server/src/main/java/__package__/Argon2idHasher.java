package @@PACKAGE@@;

import dev.armet.login.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), from Bouncy
 * Castle ({@code bcprov-jdk18on} in the pom), encoded in the PHC string format so the parameters
 * can be raised later without breaking stored hashes.
 */
final class Argon2idHasher implements PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();

  @Override
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  @Override
  public boolean verify(String encodedHash, char[] password) {
    String[] parts = encodedHash.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String setting : parts[3].split(",")) {
      String[] kv = setting.split("=", 2);
      int value = kv.length == 2 && kv[1].matches("\\d{1,7}") ? Integer.parseInt(kv[1]) : 0;
      switch (kv[0]) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> { }
      }
    }
    if (m < 8 || t < 1 || p < 1) {
      return false;
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
    return MessageDigest.isEqual(expected, actual); // constant time
  }

  private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes).build());
    byte[] out = new byte[length];
    byte[] secret = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(secret, out);
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
    return out;
  }
}
