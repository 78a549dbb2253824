package dev.armet.cli;

import dev.armet.internal.env.MaskedUri;
import dev.armet.jdbc.JdbcStores;
import dev.armet.redis.RedisStores;
import dev.armet.spi.Stores;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The session and rate-limit stores named by a store URI: {@code redis://host:port/db} (and {@code
 * rediss://}, Sentinel, Cluster), {@code postgresql://…}, {@code mariadb://…}, or {@code sqlite}
 * (the embedded default, a file in the data folder). Instances given the same URI and the same
 * {@code ARMET_SECRETS} share sessions, lockouts and counters. Callers hold the result as {@link
 * Stores}, whichever module opened it.
 */
final class OpenStores {
  /** The embedded default. */
  static final String DEFAULT = "sqlite";

  /** The environment variable that names the store when {@code --store} is not given. */
  static final String VARIABLE = "ARMET_STORE";

  private OpenStores() {}

  /**
   * Opens (and for SQL, creates or migrates the tables of) the store {@code uri}.
   *
   * @throws IllegalArgumentException for a URI no store accepts (passwords masked)
   */
  static Stores open(String uri, Path dataFolder) {
    if (RedisStores.accepts(uri)) {
      return RedisStores.open(uri);
    }
    if (JdbcStores.accepts(uri)) {
      return JdbcStores.open(uri, b -> b.dataFolder(dataFolder));
    }
    throw new IllegalArgumentException(
        "--store must be redis://…, rediss://…, postgresql://…, "
            + "mariadb://…, mysql://… or sqlite[:path]; was '"
            + MaskedUri.of(uri)
            + "'");
  }

  /**
   * The SQL store's pool, where the demo keeps its accounts beside the sessions; null for Redis.
   */
  static DataSource sqlOf(Stores stores) {
    return stores instanceof JdbcStores jdbc ? jdbc.dataSource() : null;
  }

  /** The URI from the option, else {@code ARMET_STORE}, else the embedded default. */
  static String choose(String option) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String env = System.getenv(VARIABLE);
    return env == null || env.isBlank() ? DEFAULT : env;
  }
}
