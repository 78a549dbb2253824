package dev.armet.cli;

import dev.armet.env.MaskedUri;
import dev.armet.jdbc.JdbcStores;
import dev.armet.ratelimit.RateLimitStore;
import dev.armet.redis.RedisStores;
import dev.armet.session.SessionStore;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The session and rate-limit stores named by a store URI: {@code redis://host:port/db} (and
 * {@code rediss://}, Sentinel, Cluster), {@code postgresql://…}, {@code mariadb://…}, or
 * {@code sqlite} (the embedded default, a file in the data folder). {@code sql} is the SQL
 * store's pool (null for Redis), where the demo keeps its accounts. Instances given the same URI
 * and the same {@code ARMET_SECRETS} share sessions, lockouts and counters.
 */
record OpenStores(SessionStore sessions, RateLimitStore rateLimits, DataSource sql, AutoCloseable resource)
    implements AutoCloseable {
  /** The embedded default. */
  static final String DEFAULT = "sqlite";
  /** The environment variable that names the store when {@code --store} is not given. */
  static final String VARIABLE = "ARMET_STORE";

  /**
   * Opens (and for SQL, creates or migrates the tables of) the store {@code uri}.
   *
   * @throws IllegalArgumentException for a URI no store accepts (passwords masked)
   */
  static OpenStores open(String uri, Path dataFolder) {
    if (RedisStores.accepts(uri)) {
      RedisStores redis = RedisStores.open(uri);
      return new OpenStores(redis.sessions(), redis.rateLimits(), null, redis);
    }
    if (JdbcStores.accepts(uri)) {
      JdbcStores jdbc = JdbcStores.open(uri, b -> b.dataFolder(dataFolder));
      return new OpenStores(jdbc.sessions(), jdbc.rateLimits(), jdbc.dataSource(), jdbc);
    }
    throw new IllegalArgumentException("--store must be redis://…, rediss://…, postgresql://…, "
        + "mariadb://…, mysql://… or sqlite[:path]; was '" + MaskedUri.of(uri) + "'");
  }

  /** The URI from the option, else {@code ARMET_STORE}, else the embedded default. */
  static String choose(String option) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String env = System.getenv(VARIABLE);
    return env == null || env.isBlank() ? DEFAULT : env;
  }

  @Override
  public void close() throws Exception {
    resource.close();
  }
}
