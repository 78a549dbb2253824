package dev.armet.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The databases Armet stores sessions and rate limits in, each with its own schema and SQL. The
 * schema is versioned: {@link JdbcStores} applies the missing versions at start-up, or a team
 * applies {@link #ddl} itself ({@code armet schema --dialect postgresql}).
 *
 * <pre>{@code
 * System.out.println(SqlDialect.POSTGRESQL.ddl("armet_"));
 * }</pre>
 */
public enum SqlDialect {
  POSTGRESQL("BYTEA", "TEXT", "VARCHAR(128)", "VARCHAR(255)", "VARCHAR(255)", ""),
  /** MariaDB, and MySQL through the MariaDB driver. Keys compare as bytes ({@code ascii_bin}). */
  MARIADB(
      "VARBINARY(64)",
      "MEDIUMTEXT CHARACTER SET utf8mb4",
      "VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin",
      "VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin",
      "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
      " ENGINE=InnoDB"),
  SQLITE("BLOB", "TEXT", "TEXT", "TEXT", "TEXT", "");

  /**
   * The schema version this release creates. Version 2 adds the sessions' write version ({@code
   * version}, default 1 for rows written before), for conditional saves; version 3 the shared
   * records and leases ({@code records}, {@code leases}: the ACME certificate and its order lock).
   */
  public static final int SCHEMA_VERSION = 3;

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

  private final String bytes;
  private final String text;
  private final String sessionKey;
  private final String limitKey;
  private final String userId;
  private final String tableOptions;

  SqlDialect(
      String bytes,
      String text,
      String sessionKey,
      String limitKey,
      String userId,
      String tableOptions) {
    this.bytes = bytes;
    this.text = text;
    this.sessionKey = sessionKey;
    this.limitKey = limitKey;
    this.userId = userId;
    this.tableOptions = tableOptions;
  }

  /** The dialect for a name as the CLI takes it: postgresql, mariadb, mysql or sqlite. */
  public static SqlDialect named(String name) {
    switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
      case "postgresql":
      case "postgres":
        return POSTGRESQL;
      case "mariadb":
      case "mysql":
        return MARIADB;
      case "sqlite":
        return SQLITE;
      default:
        throw new IllegalArgumentException(
            "dialect must be one of postgresql, mariadb, mysql, sqlite;" + " was " + name);
    }
  }

  /** Every statement of every schema version, as a script ending in semicolons. */
  public String ddl(String tablePrefix) {
    StringBuilder out =
        new StringBuilder(
            "-- Armet schema version "
                + SCHEMA_VERSION
                + " for "
                + name().toLowerCase(java.util.Locale.ROOT)
                + "\n");
    for (int v = 1; v <= SCHEMA_VERSION; v++) {
      for (String s : migration(checkPrefix(tablePrefix), v)) {
        out.append(s).append(";\n");
      }
      out.append(recordVersion(tablePrefix, v).replace("?", "1")).append(";\n");
    }
    return out.toString();
  }

  /**
   * @throws IllegalArgumentException unless 1–30 of a–z, 0–9 and _, starting with a letter
   */
  static String checkPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "tablePrefix must match [a-z][a-z0-9_]{0,29}, was " + prefix);
    }
    return prefix;
  }

  String versionTable(String p) {
    return "CREATE TABLE IF NOT EXISTS "
        + p
        + "schema_version (version INTEGER PRIMARY KEY, "
        + "applied_at BIGINT NOT NULL)"
        + tableOptions;
  }

  String recordVersion(String p, int version) {
    String insert =
        "INSERT INTO " + p + "schema_version (version, applied_at) VALUES (" + version + ", ?)";
    return this == MARIADB
        ? insert.replace("INSERT", "INSERT IGNORE")
        : insert + " ON CONFLICT (version) DO NOTHING";
  }

  /**
   * Version 2: the write version a conditional save compares. Rows of the previous release read as
   * version 1; its instances, which do not set the column, keep working during a rolling deploy.
   * Plain {@code ADD COLUMN} (MySQL has no {@code IF NOT EXISTS} here): {@link Migrations} skips it
   * when the column exists.
   */
  String addSessionVersion(String p) {
    return "ALTER TABLE " + p + "sessions ADD COLUMN version BIGINT NOT NULL DEFAULT 1";
  }

  /**
   * Version 3: shared records (a value and the fencing token of its write) and leases (holder,
   * token that only grows, expiry in ms of the database's clock). Rows are never purged: a lease
   * row keeps its token after it ends, so the next grant's is greater.
   */
  private List<String> sharedRecordTables(String p) {
    String blob =
        switch (this) {
          case POSTGRESQL -> "BYTEA";
          case MARIADB -> "MEDIUMBLOB";
          case SQLITE -> "BLOB";
        };
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + p
            + "records (k "
            + limitKey
            + " PRIMARY KEY, v "
            + blob
            + " NOT NULL, token BIGINT NOT NULL, updated_at BIGINT NOT NULL)"
            + tableOptions,
        "CREATE TABLE IF NOT EXISTS "
            + p
            + "leases (name "
            + limitKey
            + " PRIMARY KEY, holder "
            + limitKey
            + " NOT NULL, token BIGINT NOT NULL, expires_at BIGINT NOT NULL)"
            + tableOptions);
  }

  /**
   * The database's clock in ms since the epoch, as an SQL expression: one clock for every instance.
   */
  String nowMillis() {
    return switch (this) {
      case POSTGRESQL -> "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
      case MARIADB -> "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
      case SQLITE -> "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    };
  }

  /** A query that succeeds only if the sessions table has the version column. */
  String probeSessionVersion(String p) {
    return "SELECT version FROM " + p + "sessions WHERE 1 = 0";
  }

  /** The statements that bring the schema from {@code version - 1} to {@code version}. */
  List<String> migration(String p, int version) {
    if (version == 2) {
      return List.of(addSessionVersion(p));
    }
    if (version == 3) {
      return sharedRecordTables(p);
    }
    if (version != 1) {
      throw new IllegalArgumentException("no schema version " + version);
    }
    List<String> s = new ArrayList<>();
    s.add(versionTable(p));
    boolean inlineIndexes = this == MARIADB; // MySQL has no CREATE INDEX IF NOT EXISTS
    s.add(
        "CREATE TABLE IF NOT EXISTS "
            + p
            + "sessions (k "
            + sessionKey
            + " PRIMARY KEY, user_id "
            + userId
            + " NULL, data "
            + text
            + " NOT NULL, expires_at BIGINT NOT NULL"
            + (inlineIndexes
                ? ", INDEX "
                    + p
                    + "sessions_user (user_id), INDEX "
                    + p
                    + "sessions_expiry (expires_at)"
                : "")
            + ")"
            + tableOptions);
    s.add(
        "CREATE TABLE IF NOT EXISTS "
            + p
            + "limits (k "
            + limitKey
            + " PRIMARY KEY, state "
            + bytes
            + " NULL, expires_at BIGINT NOT NULL"
            + (inlineIndexes ? ", INDEX " + p + "limits_expiry (expires_at)" : "")
            + ")"
            + tableOptions);
    if (!inlineIndexes) {
      s.add("CREATE INDEX IF NOT EXISTS " + p + "sessions_user ON " + p + "sessions (user_id)");
      s.add(
          "CREATE INDEX IF NOT EXISTS " + p + "sessions_expiry ON " + p + "sessions (expires_at)");
      s.add("CREATE INDEX IF NOT EXISTS " + p + "limits_expiry ON " + p + "limits (expires_at)");
    }
    return s;
  }
}
