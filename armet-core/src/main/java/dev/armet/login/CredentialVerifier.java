package dev.armet.login;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes "no such user" and "wrong password" cost the same: when there is no stored hash, it
 * verifies the password against a dummy hash made once by the same hasher, with the same
 * parameters, and answers false. Without it, a fast "unknown user" answer tells an attacker which
 * usernames exist (OWASP Authentication Cheat Sheet, "Authentication and Error Messages").
 *
 * <pre>{@code
 * CredentialVerifier verifier = CredentialVerifier.of(argon2);
 * User u = users.find(username);                       // may be null
 * boolean ok = verifier.verify(u == null ? null : u.passwordHash(), password);
 * }</pre>
 */
public final class CredentialVerifier {
  private final PasswordHasher hasher;
  private final String dummyHash;

  private CredentialVerifier(PasswordHasher hasher) {
    this.hasher = hasher;
    char[] random = new char[24];
    SecureRandom rng = new SecureRandom();
    for (int i = 0; i < random.length; i++) {
      random[i] = (char) ('!' + rng.nextInt(94));
    }
    this.dummyHash = hasher.hash(random);
  }

  /** A verifier over {@code hasher}; hashes one random password now, at start-up. */
  public static CredentialVerifier of(PasswordHasher hasher) {
    return new CredentialVerifier(Objects.requireNonNull(hasher, "hasher"));
  }

  /**
   * Whether {@code password} matches {@code storedHash}; with a null hash (unknown user) does the
   * same work and returns false.
   */
  public boolean verify(String storedHash, char[] password) {
    if (storedHash == null) {
      hasher.verify(dummyHash, password);
      return false;
    }
    return hasher.verify(storedHash, password);
  }
}
