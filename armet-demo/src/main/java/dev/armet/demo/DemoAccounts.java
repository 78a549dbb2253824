package dev.armet.demo;

import dev.armet.env.ArmetEnvironment;
import dev.armet.login.CredentialVerifier;
import dev.armet.login.PasswordHasher;
import java.util.Arrays;
import java.util.Map;

/**
 * The demo's user accounts: in development one, {@value #DEMO_USER} / {@value #DEMO_PASSWORD},
 * so anyone trying the demo can sign in; in production none at all, because a password printed
 * in a README is no password. Hashes are made at start-up with {@link Argon2idHasher}; only they
 * are kept. Unknown users and wrong passwords cost the same ({@link CredentialVerifier}).
 */
final class DemoAccounts {
  static final String DEMO_USER = "demo";
  static final String DEMO_PASSWORD = "armet-demo-password";

  private final Map<String, String> hashes;
  private final CredentialVerifier verifier;

  private DemoAccounts(Map<String, String> hashes, PasswordHasher hasher) {
    this.hashes = hashes;
    this.verifier = CredentialVerifier.of(hasher);
  }

  static DemoAccounts forEnvironment(ArmetEnvironment environment) {
    PasswordHasher hasher = new Argon2idHasher();
    if (environment.isProduction()) {
      return new DemoAccounts(Map.of(), hasher);
    }
    char[] password = DEMO_PASSWORD.toCharArray();
    Map<String, String> hashes = Map.of(DEMO_USER, hasher.hash(password));
    Arrays.fill(password, '\0');
    return new DemoAccounts(hashes, hasher);
  }

  /** Whether there is any account to sign in to. */
  boolean isEmpty() {
    return hashes.isEmpty();
  }

  /** Whether {@code password} is {@code username}'s; the same work whether the user exists or not. */
  boolean verify(String username, char[] password) {
    return verifier.verify(hashes.get(username), password);
  }
}
