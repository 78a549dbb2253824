package dev.armet.demo;

import dev.armet.login.PasswordHasher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) through Bouncy Castle, with the OWASP Password Storage Cheat Sheet's minimum:
 * 19 MiB of memory, 2 passes, 1 lane; a 16-byte random salt and a 32-byte tag per hash. Hashes are
 * PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$tag}), so the parameters can be raised
 * later and old hashes still verify. Tags are compared in constant time.
 */
final class Argon2idHasher implements PasswordHasher {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int TAG_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();

  @Override
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] tag = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, TAG_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(tag);
  }

  /**
   * @throws IllegalArgumentException if {@code encodedHash} is not an Argon2id PHC string
   */
  @Override
  public boolean verify(String encodedHash, char[] password) {
    Matcher m = PHC.matcher(encodedHash);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not an Argon2id PHC hash of this format ($argon2id$v=19$m=…,t=…,p=…$salt$tag)");
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    // Stored hashes are ours, but a corrupted one must not make a login allocate gigabytes.
    if (memory < 8 * parallelism || memory > 1 << 20 || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "Argon2id parameters out of range: m="
              + memory
              + ",t="
              + iterations
              + ",p="
              + parallelism);
    }
    byte[] expected = B64_IN.decode(m.group(5));
    byte[] actual =
        derive(
            password, B64_IN.decode(m.group(4)), memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] tag = new byte[length];
    generator.generateBytes(password, tag);
    return tag;
  }
}
