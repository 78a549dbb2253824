package dev.armet.session;

import dev.armet.env.ArmetEnvironment;

/** Start-up checks: an error in production, a warning in development. */
final class ProductionChecks {
  private static final System.Logger LOG = System.getLogger("armet.session");

  private final ArmetEnvironment env;
  private final String component;

  ProductionChecks(ArmetEnvironment env, String component) {
    this.env = env;
    this.component = component;
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
