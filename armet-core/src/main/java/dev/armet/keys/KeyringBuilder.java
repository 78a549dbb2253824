package dev.armet.keys;

import dev.armet.env.ArmetEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects secrets (newest first) and checks them against the environment in {@link #build()}.
 * Defaults: the environment from {@code ARMET_ENV} (development when unset), no secrets.
 */
public final class KeyringBuilder {
  /** 32 bytes: the floor for HMAC-SHA256 and AES-256 keys. */
  public static final int MIN_ENTROPY_BITS = 256;

  private static final System.Logger LOG = System.getLogger("armet.keys");

  private final List<Secret> secrets = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private @Nullable ArmetEnvironment environment;

  KeyringBuilder() {}

  public KeyringBuilder environment(ArmetEnvironment environment) {
    this.environment = environment;
    return this;
  }

  /** Adds a secret; the first one added signs. */
  public KeyringBuilder secret(String secret) {
    return secret(Secret.of(secret), "configuration");
  }

  public KeyringBuilder secret(Secret secret) {
    return secret(secret, "configuration");
  }

  public KeyringBuilder secrets(List<Secret> secrets) {
    secrets.forEach(s -> secret(s, "configuration"));
    return this;
  }

  /** Adds the secrets from {@code ARMET_SECRETS} or {@code ARMET_SECRETS_FILE}. */
  public KeyringBuilder fromEnvironment(Map<String, String> env) {
    String source = env.containsKey(Secrets.VARIABLE) ? Secrets.VARIABLE : Secrets.FILE_VARIABLE;
    Secrets.fromEnvironment(env).forEach(s -> secret(s, source));
    return this;
  }

  private KeyringBuilder secret(Secret secret, String source) {
    secrets.add(java.util.Objects.requireNonNull(secret, "secret"));
    sources.add(source);
    return this;
  }

  /**
   * Checks the secrets and derives the keys.
   *
   * @throws IllegalStateException in production, naming the weak secret (by position, never by
   *     value) and the fix
   */
  public Keyring build() {
    ArmetEnvironment env =
        environment != null
            ? environment
            : ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT);
    List<Secret> use = new ArrayList<>(secrets);
    boolean ready = !secrets.isEmpty();
    String fix = "set " + Secrets.VARIABLE + " to the output of `armet keys generate`";
    if (use.isEmpty()) {
      if (env.isProduction()) {
        throw new IllegalStateException(
            "no secret configured: "
                + fix
                + " (or "
                + Secrets.FILE_VARIABLE
                + " to a file holding it)");
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "no secret configured; generated a random secret for"
              + " development, so sessions and signed cookies end when this process stops. To keep"
              + " them, "
              + fix);
      use.add(Secret.random());
    }
    for (int i = 0; i < secrets.size(); i++) {
      String problem = weakness(secrets.get(i));
      if (problem == null) {
        continue;
      }
      ready = false;
      String message =
          "secret #" + (i + 1) + " from " + sources.get(i) + " " + problem + "; " + fix;
      if (env.isProduction()) {
        throw new IllegalStateException(message);
      }
      LOG.log(System.Logger.Level.WARNING, message + " (refused in production)");
    }
    List<DerivedKey> keys = new ArrayList<>();
    for (Secret s : use) {
      keys.add(new DerivedKey(s));
    }
    return new Keyring(List.copyOf(keys), ready);
  }

  private static @Nullable String weakness(Secret s) {
    if (s.isWellKnown()) {
      return "is a well-known example secret that attackers try first";
    }
    if (s.estimatedEntropyBits() < MIN_ENTROPY_BITS) {
      return "has about "
          + s.estimatedEntropyBits()
          + " bits of entropy"
          + (s.structure().isEmpty()
              ? ""
              : " (it is made of " + s.structure() + ", which an attacker guesses as a whole)")
          + ", below the "
          + MIN_ENTROPY_BITS
          + " required";
    }
    return null;
  }
}
