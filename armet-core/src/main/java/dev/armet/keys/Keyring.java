package dev.armet.keys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An ordered set of secrets: the first (primary) signs and seals, every one verifies and opens, so
 * a key rotates without logging anyone out (add the new secret first, drop the old one after the
 * longest session lifetime). Each secret is run through HKDF-SHA256 (RFC 5869) once, then expanded
 * into a separate key per algorithm and purpose: a session-id key can never verify a CSRF token.
 * Tokens carry a key id, so verification tries exactly one key.
 *
 * <p>In production the builder refuses no secret, a well-known example secret, or one under 256
 * bits of estimated entropy; in development it warns, and with no secret at all generates a random
 * one (sessions then end when the process restarts).
 *
 * <pre>{@code
 * Keyring ring = Keyring.create(k -> k.fromEnvironment(System.getenv()));
 * TokenSigner ids = ring.signer("session-id");
 * TokenSealer data = ring.sealer("cookie-session");
 * }</pre>
 */
public final class Keyring {
  private final List<DerivedKey> keys;
  private final Map<String, Integer> byKeyId;
  private final boolean productionReady;

  Keyring(List<DerivedKey> keys, boolean productionReady) {
    this.keys = keys;
    this.productionReady = productionReady;
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (index.putIfAbsent(keys.get(i).keyId, i) != null) {
        throw new IllegalArgumentException(
            "secrets #"
                + (Objects.requireNonNull(index.get(keys.get(i).keyId)) + 1)
                + " and #"
                + (i + 1)
                + " are the same or share a key id; replace one with the output"
                + " of `armet keys generate`");
      }
    }
    this.byKeyId = Map.copyOf(index);
  }

  /** A builder; see {@link KeyringBuilder} for sources and checks. */
  public static KeyringBuilder builder() {
    return new KeyringBuilder();
  }

  /** Builds a keyring configured by {@code config}. */
  public static Keyring create(Consumer<KeyringBuilder> config) {
    KeyringBuilder b = builder();
    config.accept(b);
    return b.build();
  }

  /** HMAC-SHA256 signing under {@code purpose} (e.g. {@code "session-id"}). */
  public TokenSigner signer(String purpose) {
    Mac[] macs = new Mac[keys.size()];
    for (int i = 0; i < macs.length; i++) {
      macs[i] = Hkdf.hmac(keys.get(i).expand("hmac-sha256", purpose));
    }
    return new TokenSigner(macs, keyIdArray(), byKeyId);
  }

  /**
   * Keyed names for identifiers under {@code purpose}, from the primary key (see {@link
   * KeyedHash}); e.g. rate-limit subjects, so stores and logs never hold them in clear.
   */
  public KeyedHash keyedHash(String purpose) {
    return KeyedHash.of(keys.get(0), purpose);
  }

  /** AES-256-GCM sealing under {@code purpose} (e.g. {@code "cookie-session"}). */
  public TokenSealer sealer(String purpose) {
    SecretKeySpec[] specs = new SecretKeySpec[keys.size()];
    for (int i = 0; i < specs.length; i++) {
      specs[i] = new SecretKeySpec(keys.get(i).expand("aes-256-gcm", purpose), "AES");
    }
    return new TokenSealer(specs, keyIdArray(), byKeyId);
  }

  /**
   * False if a secret was generated for development or is weak; configuration that needs
   * production-grade keys (sessions in production) checks this.
   */
  public boolean isProductionReady() {
    return productionReady;
  }

  /** How many keys verify (the primary included). */
  public int size() {
    return keys.size();
  }

  /**
   * The key ids, primary first: the public labels tokens carry in front of their payload ({@code
   * keyId.payload.mac}), derived one-way from each secret (HKDF, 24 bits), so they reveal nothing
   * of a key. Safe to show (an actuator endpoint, {@code armet doctor}): they tell which secret
   * signs and which are still accepted during a rotation.
   *
   * <pre>{@code
   * ring.keyIds(); // [Qx3f, 8kZa]: Qx3f signs, both verify
   * }</pre>
   */
  public List<String> keyIds() {
    return List.of(keyIdArray());
  }

  private String[] keyIdArray() {
    String[] ids = new String[keys.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = keys.get(i).keyId;
    }
    return ids;
  }

  /** A fresh Mac with the prototype's key; cloning skips the provider lookup and key setup. */
  static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's HmacSHA256 cannot be cloned", e);
    }
  }

  @Override
  public String toString() {
    return "Keyring[" + keys.size() + " keys, redacted]";
  }
}
