package dev.armet.login;

/**
 * The application's memory-hard password hash (Argon2id, scrypt), as {@link CredentialVerifier}
 * needs it. Implementations compare in constant time.
 */
public interface PasswordHasher {
  /** A new encoded hash (algorithm, parameters and salt included) of {@code password}. */
  String hash(char[] password);

  /** Whether {@code password} matches {@code encodedHash}. */
  boolean verify(String encodedHash, char[] password);
}
