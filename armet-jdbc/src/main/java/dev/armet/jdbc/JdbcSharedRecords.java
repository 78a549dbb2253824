package dev.armet.jdbc;

import dev.armet.spi.SharedRecordStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Shared records and leases in two tables ({@link SqlDialect} schema version 3). Expiry is the
 * database's clock, never an instance's. A grant is one conditional {@code UPDATE} (the row is
 * created first, once, with token 0), which the database serialises on the row: of instances asking
 * at once, exactly one matches. The fenced write reads the lease row under {@code FOR UPDATE} and
 * writes the record in the same transaction.
 */
final class JdbcSharedRecords implements SharedRecordStore {
  private final DataSource data;
  private final int timeoutSeconds;
  private final String leaseCreate;
  private final String leaseGrant;
  private final String leaseToken;
  private final String leaseRelease;
  private final String leaseLock;
  private final String recordRead;
  private final String recordUpsert;

  JdbcSharedRecords(DataSource data, SqlDialect dialect, String prefix, int timeoutSeconds) {
    this.data = data;
    this.timeoutSeconds = timeoutSeconds;
    String leases = prefix + "leases";
    String now = dialect.nowMillis();
    String insert =
        "INSERT INTO " + leases + " (name, holder, token, expires_at) VALUES (?, '', 0, 0)";
    this.leaseCreate =
        dialect == SqlDialect.MARIADB
            ? insert.replace("INSERT", "INSERT IGNORE")
            : insert + " ON CONFLICT (name) DO NOTHING";
    // MariaDB assigns left to right, each seeing the previous: the token is decided first.
    this.leaseGrant =
        "UPDATE "
            + leases
            + " SET token = CASE WHEN holder = ? AND expires_at > "
            + now
            + " THEN token ELSE token + 1 END, holder = ?, expires_at = "
            + now
            + " + ? WHERE name = ? AND"
            + " (expires_at <= "
            + now
            + " OR holder = ?)";
    this.leaseToken = "SELECT token FROM " + leases + " WHERE name = ? AND holder = ?";
    this.leaseRelease =
        "UPDATE " + leases + " SET expires_at = 0 WHERE name = ? AND holder = ? AND token = ?";
    this.leaseLock =
        "SELECT token FROM "
            + leases
            + " WHERE name = ?"
            + (dialect == SqlDialect.SQLITE ? "" : " FOR UPDATE");
    String records = prefix + "records";
    this.recordRead = "SELECT v, token FROM " + records + " WHERE k = ?";
    String upsert =
        "INSERT INTO " + records + " (k, v, token, updated_at) VALUES (?, ?, ?, " + now + ")";
    this.recordUpsert =
        dialect == SqlDialect.MARIADB
            ? upsert
                + " ON DUPLICATE KEY UPDATE v = VALUES(v), token = VALUES(token), updated_at = VALUES(updated_at)"
            : upsert
                + " ON CONFLICT (k) DO UPDATE SET v = excluded.v, token = excluded.token,"
                + " updated_at = excluded.updated_at";
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration ttl) {
    if (holder == null || holder.isEmpty()) {
      throw new IllegalArgumentException("a lease holder must be named");
    }
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement s = prepare(c, leaseCreate)) {
        s.setString(1, name);
        s.executeUpdate();
      }
      return transaction(
          c,
          tx -> {
            int granted;
            try (PreparedStatement s = prepare(tx, leaseGrant)) {
              s.setString(1, holder);
              s.setString(2, holder);
              s.setLong(3, Math.max(1, ttl.toMillis()));
              s.setString(4, name);
              s.setString(5, holder);
              granted = s.executeUpdate();
            }
            if (granted != 1) {
              return Optional.<Lease>empty();
            }
            try (PreparedStatement s = prepare(tx, leaseToken)) {
              s.setString(1, name);
              s.setString(2, holder);
              try (ResultSet r = s.executeQuery()) {
                return r.next()
                    ? Optional.of(new Lease(name, holder, r.getLong(1)))
                    : Optional.<Lease>empty();
              }
            }
          });
    } catch (SQLException e) {
      throw new JdbcStoreException("lease acquire", e);
    }
  }

  @Override
  public void release(Lease lease) {
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, leaseRelease)) {
      s.setString(1, lease.name());
      s.setString(2, lease.holder());
      s.setLong(3, lease.token());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new JdbcStoreException("lease release", e);
    }
  }

  @Override
  public Optional<SharedRecord> read(String key) {
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, recordRead)) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new SharedRecord(r.getBytes(1), r.getLong(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JdbcStoreException("record read", e);
    }
  }

  @Override
  public boolean write(String key, byte[] value, Lease fence) {
    Objects.requireNonNull(value, "value");
    try (Connection c = data.getConnection()) {
      return transaction(
          c,
          tx -> {
            if (fence != null && fence.token() != currentToken(tx, fence.name())) {
              return false;
            }
            try (PreparedStatement s = prepare(tx, recordUpsert)) {
              s.setString(1, key);
              s.setBytes(2, value);
              s.setLong(3, fence == null ? 0 : fence.token());
              s.executeUpdate();
            }
            return true;
          });
    } catch (SQLException e) {
      throw new JdbcStoreException("record write", e);
    }
  }

  /**
   * The lease's latest token, the row locked until the transaction ends (SQLite locks the file).
   */
  private long currentToken(Connection c, String name) throws SQLException {
    try (PreparedStatement s = prepare(c, leaseLock)) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }

  /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  private static <T> T transaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private PreparedStatement prepare(Connection c, String statement) throws SQLException {
    PreparedStatement s = c.prepareStatement(statement);
    s.setQueryTimeout(timeoutSeconds);
    return s;
  }
}
