package dev.armet.jdbc;

/** Every statement the stores run, for one dialect and table prefix; built once. */
final class Sql {
  final SqlDialect dialect;
  final String sessionLoad;
  final String sessionCreate;
  final String sessionUpdate;
  final String sessionTouch;
  final String sessionDelete;
  final String sessionDeleteUser;
  final String sessionListUser;
  final String limitRead;
  final String limitUpsert;
  final String limitDelete;

  /** One key's state, its compare-and-set writes (see {@link LimitCas}). */
  final String limitReadOne;

  final String limitCasInsert;
  final String limitCasUpdate;
  final String limitCasUpdateNull;
  final String limitCasDelete;
  final String limitCasDeleteNull;
  final String sessionPurge;
  final String limitPurge;
  private final String limitTable;

  Sql(SqlDialect dialect, String p) {
    this.dialect = dialect;
    String sessions = p + "sessions";
    this.limitTable = p + "limits";
    sessionLoad =
        "SELECT data, expires_at, version FROM " + sessions + " WHERE k = ? AND expires_at > ?";
    sessionCreate = sessionCreate(sessions);
    sessionUpdate =
        "UPDATE "
            + sessions
            + " SET user_id = ?, data = ?, expires_at = ?, version = ?"
            + " WHERE k = ? AND version = ? AND expires_at > ?";
    sessionTouch = "UPDATE " + sessions + " SET expires_at = ? WHERE k = ? AND expires_at > ?";
    sessionDelete = "DELETE FROM " + sessions + " WHERE k = ?";
    sessionDeleteUser = "DELETE FROM " + sessions + " WHERE user_id = ?";
    sessionListUser =
        "SELECT k, data, expires_at, version FROM "
            + sessions
            + " WHERE user_id = ? AND expires_at > ?";
    limitRead = "SELECT k, state FROM " + limitTable + " WHERE k IN ";
    limitUpsert = upsert(limitTable, "k", "state", "expires_at");
    limitDelete = "DELETE FROM " + limitTable + " WHERE k = ?";
    limitReadOne = "SELECT state FROM " + limitTable + " WHERE k = ?";
    String insert = "INSERT INTO " + limitTable + " (k, state, expires_at) VALUES (?, ?, ?)";
    limitCasInsert =
        dialect == SqlDialect.MARIADB
            ? insert.replace("INSERT", "INSERT IGNORE")
            : insert + " ON CONFLICT (k) DO NOTHING";
    limitCasUpdate =
        "UPDATE " + limitTable + " SET state = ?, expires_at = ? WHERE k = ? AND state = ?";
    limitCasUpdateNull =
        "UPDATE "
            + limitTable
            + " SET state = ?, expires_at = ? WHERE k = ?"
            + " AND state IS NULL";
    limitCasDelete = "DELETE FROM " + limitTable + " WHERE k = ? AND state = ?";
    limitCasDeleteNull = "DELETE FROM " + limitTable + " WHERE k = ? AND state IS NULL";
    sessionPurge = purge(sessions);
    limitPurge = purge(limitTable);
  }

  /**
   * Locks the rows of {@code n} keys for this transaction, creating empty ones (state NULL,
   * expired) for absent keys so that there is a row to lock. PostgreSQL returns the states in the
   * same statement; MariaDB needs a {@code SELECT … FOR UPDATE} after it; SQLite locks the whole
   * database at {@code BEGIN IMMEDIATE} and needs neither.
   */
  String limitLock(int n) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < n; i++) {
      values.append(i == 0 ? "" : ", ").append("(?, NULL, 0)");
    }
    String insert = "INSERT INTO " + limitTable + " (k, state, expires_at) VALUES " + values;
    switch (dialect) {
      case POSTGRESQL:
        return insert
            + " ON CONFLICT (k) DO UPDATE SET expires_at = "
            + limitTable
            + ".expires_at RETURNING k, state";
      case MARIADB:
        return insert + " ON DUPLICATE KEY UPDATE expires_at = expires_at";
      default:
        return null;
    }
  }

  /**
   * Inserts a session (k, user_id, data, expires_at, version) unless a live row holds the key:
   * PostgreSQL and SQLite replace an expired row in the same statement ({@code ?6}: now) and count
   * 0 rows for a live one; MariaDB's plain insert fails on the key, which the store reads as "not
   * written" (its {@code ON DUPLICATE KEY} row counts cannot tell an insert from a no-op, and a key
   * is the digest of a fresh 256-bit id, so it never meets an expired row).
   */
  private String sessionCreate(String sessions) {
    String insert =
        "INSERT INTO "
            + sessions
            + " (k, user_id, data, expires_at, version)"
            + " VALUES (?, ?, ?, ?, ?)";
    return dialect == SqlDialect.MARIADB
        ? insert
        : insert
            + " ON CONFLICT (k) DO UPDATE SET user_id = excluded.user_id, data ="
            + " excluded.data, expires_at = excluded.expires_at, version = excluded.version"
            + " WHERE "
            + sessions
            + ".expires_at <= ?";
  }

  /** {@code SELECT k, state … WHERE k IN (?, …)}, locking for MariaDB. */
  String limitSelect(int n, boolean lock) {
    StringBuilder in = new StringBuilder("(");
    for (int i = 0; i < n; i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    return limitRead + in + ")" + (lock && dialect == SqlDialect.MARIADB ? " FOR UPDATE" : "");
  }

  private String upsert(String table, String key, String... columns) {
    StringBuilder cols = new StringBuilder(key);
    StringBuilder marks = new StringBuilder("?");
    StringBuilder set = new StringBuilder();
    for (String c : columns) {
      cols.append(", ").append(c);
      marks.append(", ?");
      if (dialect == SqlDialect.MARIADB) {
        set.append(set.length() == 0 ? "" : ", ")
            .append(c)
            .append(" = VALUES(")
            .append(c)
            .append(')');
      } else {
        set.append(set.length() == 0 ? "" : ", ").append(c).append(" = excluded.").append(c);
      }
    }
    String insert = "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
    return dialect == SqlDialect.MARIADB
        ? insert + " ON DUPLICATE KEY UPDATE " + set
        : insert + " ON CONFLICT (" + key + ") DO UPDATE SET " + set;
  }

  /** Deletes at most {@code ?2} rows expired before {@code ?1}: small batches, short locks. */
  private String purge(String table) {
    return dialect == SqlDialect.MARIADB
        ? "DELETE FROM " + table + " WHERE expires_at < ? LIMIT ?"
        : "DELETE FROM "
            + table
            + " WHERE k IN (SELECT k FROM "
            + table
            + " WHERE expires_at < ? LIMIT ?)";
  }
}
