package dev.armet.keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.Mac;

/**
 * A keyed one-way name for an identifier (an address, a username, an API key): HMAC-SHA256 under
 * one purpose of a key, truncated to 128 bits, as 22 base64url characters. Stores and logs keep
 * this instead of the identifier, so a dump of Redis or SQL, or a log line, reveals no subject, and
 * without the key nobody can test a guess ("is alice@example.com in there?") the way a plain
 * SHA-256 allows. Thread-safe.
 *
 * <p>Instances that share a store must share the key: take it from the same {@link Keyring} ({@link
 * Keyring#keyedHash}), or let {@link #processDefault} read {@code ARMET_SECRETS}. With no secret at
 * all the key is random per process: counts are then per process and end with it. Rotating the
 * primary secret starts counts afresh (the old names are never looked up again).
 *
 * <pre>{@code
 * KeyedHash names = keyring.keyedHash("rate-limit-subject");
 * String stored = names.hash(clientAddress);
 * }</pre>
 */
public final class KeyedHash {
  private static final int BYTES = 16;

  private final Mac prototype;

  /**
   * One keyed Mac per thread, reused: {@code doFinal} resets it to the keyed state, and a clone per
   * call allocated ~0.9 KB on every rate-limit decision (issue 18).
   */
  private final ThreadLocal<Mac> macs;

  private KeyedHash(byte[] key) {
    this.prototype = Hkdf.hmac(key);
    this.macs = ThreadLocal.withInitial(() -> Keyring.copy(prototype));
  }

  static KeyedHash of(DerivedKey key, String purpose) {
    return new KeyedHash(key.expand("hmac-sha256", purpose));
  }

  /**
   * Under {@code purpose} of the first secret of {@code ARMET_SECRETS} (or {@code
   * ARMET_SECRETS_FILE}), the same key {@link Keyring#keyedHash} gives for a keyring built from
   * them; else under a random key made once per process.
   */
  public static KeyedHash processDefault(String purpose) {
    return of(ProcessKey.KEY, purpose);
  }

  /** The keyed name of {@code value} (UTF-8): 22 base64url characters. */
  public String hash(String value) {
    byte[] input = value.getBytes(StandardCharsets.UTF_8);
    byte[] full = macs.get().doFinal(input);
    return TokenFormat.B64.encodeToString(java.util.Arrays.copyOf(full, BYTES));
  }

  @Override
  public String toString() {
    return "KeyedHash[redacted]";
  }

  /** Read once, on first use: the environment does not change under a running process. */
  private static final class ProcessKey {
    static final DerivedKey KEY = load();

    private static DerivedKey load() {
      List<Secret> secrets;
      try {
        secrets = Secrets.fromEnvironment(System.getenv());
      } catch (RuntimeException e) { // an unreadable file is reported where the keyring is built
        secrets = List.of();
      }
      return new DerivedKey(secrets.isEmpty() ? Secret.random() : secrets.get(0));
    }
  }
}
