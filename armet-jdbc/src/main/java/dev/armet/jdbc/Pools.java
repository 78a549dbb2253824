package dev.armet.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The HikariCP pool for a store URI, with every wait bounded by the store timeout: getting a
 * connection, connecting, and each socket read (so a dead server costs a request the timeout, not a
 * TCP retransmission schedule). SQLite gets WAL, a busy timeout and {@code BEGIN IMMEDIATE}
 * transactions, so concurrent decisions queue instead of failing.
 */
final class Pools {
  private Pools() {}

  static HikariDataSource open(StoreUri uri, int size, Duration timeout, Path dataFolder) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("armet-" + uri.dialect.name().toLowerCase(java.util.Locale.ROOT));
    c.setJdbcUrl(uri.jdbcUrl);
    if (uri.user != null) {
      c.setUsername(uri.user);
    }
    if (uri.password != null) {
      c.setPassword(uri.password);
    }
    long ms = timeout.toMillis();
    c.setConnectionTimeout(ms);
    c.setValidationTimeout(Math.max(250, ms / 2));
    c.setInitializationFailTimeout(ms);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(Math.min(2, size));
    switch (uri.dialect) {
      case POSTGRESQL:
        c.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, ms / 1000)));
        c.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, (ms + 999) / 1000) + 1));
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Commit without waiting for the WAL flush: a hot rate-limit row is locked until commit,
        // and waiting for fsync there cut throughput on one key fivefold. A database crash can lose
        // the last ~0.6 s of decisions and saves (never corrupt); logouts stay synchronous.
        c.setConnectionInitSql("SET synchronous_commit = off");
        break;
      case MARIADB:
        c.addDataSourceProperty("connectTimeout", Long.toString(ms));
        c.addDataSourceProperty("socketTimeout", Long.toString(ms + 1000));
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED"); // no gap locks on new keys
        break;
      default:
        JdbcStores.createFolder(dataFolder);
        c.setMaximumPoolSize(Math.min(size, 4)); // one writer at a time anyway
        c.setMinimumIdle(1);
        c.addDataSourceProperty("journal_mode", "WAL");
        c.addDataSourceProperty("synchronous", "NORMAL");
        c.addDataSourceProperty("busy_timeout", Long.toString(ms));
        c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        break;
    }
    try {
      return new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot connect to " + uri.masked + ": " + rootMessage(e) + hint(uri.dialect), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + " " + t.getMessage(); // the JDBC URL holds no password
  }

  private static String hint(SqlDialect d) {
    switch (d) {
      case POSTGRESQL:
        return " (is PostgreSQL running? e.g. `service postgresql start`)";
      case MARIADB:
        return " (is MariaDB running? e.g. `service mariadb start`)";
      default:
        return "";
    }
  }
}
