package dev.armet.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.armet.spi.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sessions and rate limits in PostgreSQL, MariaDB/MySQL or an embedded SQLite file, from a store
 * URI ({@code postgresql://user:pw@host:5432/db}, {@code mariadb://root@host:3306/app}, {@code
 * sqlite} for {@code <data folder>/armet.db}, {@code sqlite:path}). Opening creates or migrates the
 * tables ({@link SqlDialect#ddl} prints the same DDL for teams that apply it themselves) and starts
 * the background purge of expired rows. Instances given the same URI and table prefix share
 * sessions, lockouts and counters.
 *
 * <pre>{@code
 * try (JdbcStores db = JdbcStores.open("postgresql://app@db:5432/app")) {
 *   ServerSessions sessions = ServerSessions.create(s -> s.store(db.sessions()).keyring(keys));
 *   RateLimiter limiter = RateLimiter.builder(policy).store(db.rateLimits()).build();
 * }
 * }</pre>
 */
public final class JdbcStores implements Stores {
  private final javax.sql.DataSource pool;

  /** The pool this opened and closes; null when the application's DataSource is used. */
  private final HikariDataSource ownPool;

  private final JdbcSessionStore sessions;
  private final JdbcRateLimitStore rateLimits;
  private final Purger purger;
  private final JdbcSharedRecords sharedRecords;
  private final SqlDialect dialect;
  private final String tablePrefix;
  private final String description;
  private final int timeoutSeconds;

  private JdbcStores(Builder b) {
    String masked;
    if (b.dataSource != null) {
      this.ownPool = null;
      this.pool = b.dataSource;
      this.dialect = dialectOf(b.dataSource);
      masked = "the application's DataSource";
    } else {
      StoreUri uri = StoreUri.parse(b.uri, b.dataFolder);
      this.dialect = uri.dialect;
      this.ownPool = Pools.open(uri, b.poolSize, b.timeout, b.dataFolder);
      this.pool = ownPool;
      masked = uri.masked;
    }
    this.tablePrefix = b.tablePrefix;
    this.description = "jdbc " + masked;
    try {
      Migrations.apply(pool, dialect, b.tablePrefix, b.clock);
    } catch (SQLException | RuntimeException e) {
      if (ownPool != null) {
        ownPool.close();
      }
      throw new IllegalStateException(
          "cannot prepare the Armet tables in "
              + masked
              + ": "
              + (e instanceof SQLException
                  ? "SQLState " + ((SQLException) e).getSQLState() + " "
                  : "")
              + e.getMessage(),
          e);
    }
    Sql sql = new Sql(dialect, b.tablePrefix);
    int seconds = (int) Math.max(1, (b.timeout.toMillis() + 999) / 1000);
    this.timeoutSeconds = seconds;
    this.sessions = new JdbcSessionStore(pool, sql, b.clock, seconds);
    this.rateLimits = new JdbcRateLimitStore(pool, sql, b.timeout);
    this.purger = new Purger(pool, sql, b.clock, b.purgeInterval);
    this.sharedRecords = new JdbcSharedRecords(pool, dialect, b.tablePrefix, seconds);
  }

  /** Whether {@code uri} names a JDBC store: postgresql, postgres, mariadb, mysql or sqlite. */
  public static boolean accepts(String uri) {
    return uri != null
        && (uri.equals("sqlite")
            || uri.startsWith("sqlite:")
            || uri.matches("(postgresql|postgres|mariadb|mysql)://.*"));
  }

  /** Opens with every default: tables {@code armet_*}, 2 s timeout, purge every minute. */
  public static JdbcStores open(String uri) {
    return builder(uri).build();
  }

  public static JdbcStores open(String uri, Consumer<Builder> config) {
    Builder b = builder(uri);
    config.accept(b);
    return b.build();
  }

  public static Builder builder(String uri) {
    return new Builder(uri, null);
  }

  /**
   * Stores on a pool the application already has (e.g. Spring Boot's HikariCP {@code DataSource}):
   * no second pool. The dialect is read from the connection's metadata (PostgreSQL, MariaDB/MySQL
   * or SQLite); {@link #close()} leaves the pool open, its owner closes it. {@code poolSize} and
   * {@code dataFolder} do not apply.
   */
  public static Builder builder(javax.sql.DataSource dataSource) {
    return new Builder(null, Objects.requireNonNull(dataSource, "dataSource"));
  }

  static SqlDialect dialectOf(javax.sql.DataSource data) {
    String product;
    try (java.sql.Connection c = data.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect through the DataSource: SQLState "
              + e.getSQLState()
              + " "
              + e.getMessage(),
          e);
    }
    String p = product == null ? "" : product.toLowerCase(java.util.Locale.ROOT);
    if (p.contains("postgres")) {
      return SqlDialect.POSTGRESQL;
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return SqlDialect.MARIADB;
    }
    if (p.contains("sqlite")) {
      return SqlDialect.SQLITE;
    }
    throw new IllegalStateException(
        "the DataSource is "
            + product
            + "; the JDBC stores support"
            + " PostgreSQL, MariaDB/MySQL and SQLite");
  }

  @Override
  public JdbcSessionStore sessions() {
    return sessions;
  }

  @Override
  public JdbcRateLimitStore rateLimits() {
    return rateLimits;
  }

  /**
   * The ACME certificate, its account and the order lock, shared by every instance on this
   * database; empty for SQLite, a file of one machine (the server keeps them in its data folder).
   */
  @Override
  public java.util.Optional<dev.armet.spi.SharedRecordStore> sharedRecords() {
    return dialect == SqlDialect.SQLITE
        ? java.util.Optional.empty()
        : java.util.Optional.of(sharedRecords);
  }

  /** The shared records whatever the dialect, for this package's tests (SQLite included). */
  dev.armet.spi.SharedRecordStore sharedRecordsForTests() {
    return sharedRecords;
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * Takes a pooled connection and checks it is valid.
   *
   * @throws JdbcStoreException if the database does not answer within the timeout
   */
  @Override
  public void checkHealth() {
    try (java.sql.Connection c = pool.getConnection()) {
      if (!c.isValid(timeoutSeconds)) {
        throw new JdbcStoreException(
            "health check", new SQLException("connection not valid", "08006"));
      }
    } catch (SQLException e) {
      throw new JdbcStoreException("health check", e);
    }
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public String tablePrefix() {
    return tablePrefix;
  }

  /**
   * The connection pool, for an application's own tables beside Armet's (the demo keeps its
   * accounts there). Closed with these stores; use prepared statements.
   */
  public javax.sql.DataSource dataSource() {
    return pool;
  }

  /** Purges expired rows now, as the background task does; returns the rows deleted. */
  public int purgeExpired() {
    try {
      return purger.run();
    } catch (SQLException e) {
      throw new JdbcStoreException("purge", e);
    }
  }

  /** The pool, for this package's tests (dropping tables, killing connections). */
  javax.sql.DataSource dataSourceForTests() {
    return pool;
  }

  @Override
  public void close() {
    purger.close();
    if (ownPool != null) {
      ownPool.close();
    }
  }

  /** Validating builder; {@link #build()} connects and migrates. */
  public static final class Builder {
    private final String uri;
    private final javax.sql.DataSource dataSource;
    private String tablePrefix = "armet_";
    private Path dataFolder = Path.of("data");
    private Duration timeout = Duration.ofSeconds(2);
    private Duration purgeInterval = Duration.ofMinutes(1);
    private int poolSize = 10;
    private Clock clock = Clock.systemUTC();

    private Builder(String uri, javax.sql.DataSource dataSource) {
      this.uri = dataSource == null ? Objects.requireNonNull(uri, "uri") : null;
      this.dataSource = dataSource;
    }

    /** Prefix of the table names (default {@code armet_}). */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = SqlDialect.checkPrefix(prefix);
      return this;
    }

    /** Where {@code sqlite} URIs keep their file (default {@code ./data}; created if missing). */
    public Builder dataFolder(Path folder) {
      this.dataFolder = Objects.requireNonNull(folder, "dataFolder");
      return this;
    }

    /** Longest wait for a connection, and for each statement (default 2 s). */
    public Builder timeout(Duration timeout) {
      if (timeout == null
          || timeout.toMillis() < 250
          || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("timeout must be between 250ms and 60s, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How often expired rows are purged (default 1 minute; zero: never, call purgeExpired). */
    public Builder purgeInterval(Duration interval) {
      if (interval == null || interval.isNegative()) {
        throw new IllegalArgumentException("purgeInterval must be >= 0, was " + interval);
      }
      this.purgeInterval = interval;
      return this;
    }

    public Builder poolSize(int size) {
      if (size < 1 || size > 200) {
        throw new IllegalArgumentException("poolSize must be between 1 and 200, was " + size);
      }
      this.poolSize = size;
      return this;
    }

    /** The clock session expiry and the purge use (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public JdbcStores build() {
      return new JdbcStores(this);
    }
  }

  static void createFolder(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create the data folder " + folder.toAbsolutePath(), e);
    }
  }
}
