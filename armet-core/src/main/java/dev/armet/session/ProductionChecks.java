package dev.armet.session;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;

/** Start-up checks: an error in production, a warning in development. */
final class ProductionChecks {
  private static final System.Logger LOG = System.getLogger("armet.session");

  private final ArmetEnvironment env;
  private final String component;

  ProductionChecks(ArmetEnvironment env, String component) {
    this.env = env;
    this.component = component;
  }

  /**
   * Checks for {@code component} in the environment configured, else the one ARMET_ENV names
   * (development when unset).
   */
  static ProductionChecks of(ArmetEnvironment configured, String component) {
    return new ProductionChecks(configured != null ? configured
        : ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT), component);
  }

  ArmetEnvironment environment() {
    return env;
  }

  /**
   * The keyring configured, else one from ARMET_SECRETS; a missing, generated or weak secret is
   * a {@link #fail}.
   */
  Keyring keyring(Keyring configured) {
    Keyring keyring = configured != null ? configured
        : Keyring.create(k -> k.environment(env).fromEnvironment(System.getenv()));
    if (!keyring.isProductionReady()) {
      fail("keyring", "a secret is missing, generated or weak; set ARMET_SECRETS to the"
          + " output of `armet keys generate`");
    }
    return keyring;
  }

  void fail(String setting, String problem) {
    String message = component + "." + setting + ": " + problem;
    if (env.isProduction()) {
      throw new IllegalStateException(message + " (" + ArmetEnvironment.VARIABLE
          + "=production)");
    }
    LOG.log(System.Logger.Level.WARNING, message + " (refused in production)");
  }
}
