package dev.armet.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

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
  private static final int TEXT = 22;

  private final Mac prototype;

  /**
   * One keyed Mac per thread, reused with its buffers: {@code doFinal} resets it to the keyed
   * state, and a clone per call allocated ~0.9 KB on every rate-limit decision; the buffers save
   * the input's bytes, the MAC's output and the encoder's arrays (issue 18). A buffer holds the
   * subject's bytes only during the call.
   */
  private final ThreadLocal<Scratch> scratch;

  private KeyedHash(byte[] key) {
    this.prototype = Hkdf.hmac(key);
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(Keyring.copy(prototype)));
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
    Scratch s = scratch.get();
    int n = value.length();
    if (n <= s.in.length && ascii(value, s.in)) { // UTF-8 of ASCII is the chars themselves
      s.mac.update(s.in, 0, n);
      Arrays.fill(s.in, 0, n, (byte) 0); // the subject may be a secret: keep no copy of it
    } else {
      Arrays.fill(s.in, 0, Math.min(n, s.in.length), (byte) 0); // what ascii() copied
      s.mac.update(value.getBytes(StandardCharsets.UTF_8));
    }
    try {
      s.mac.doFinal(s.out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("HmacSHA256 wrote more than 32 bytes", e);
    }
    System.arraycopy(s.out, 0, s.head, 0, BYTES);
    int chars = TokenFormat.B64.encode(s.head, s.text); // into the buffer: no array allocated
    return new String(s.text, 0, chars, StandardCharsets.ISO_8859_1);
  }

  /**
   * Copies {@code value} into {@code into} if every char is ASCII; false (partly copied) if not.
   */
  private static boolean ascii(String value, byte[] into) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      into[i] = (byte) c;
    }
    return true;
  }

  @Override
  public String toString() {
    return "KeyedHash[redacted]";
  }

  /** A thread's keyed Mac and buffers. */
  private static final class Scratch {
    final Mac mac;
    final byte[] in = new byte[64];
    final byte[] out = new byte[32];
    final byte[] head = new byte[BYTES];
    final byte[] text = new byte[TEXT];

    Scratch(Mac mac) {
      this.mac = mac;
    }
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
