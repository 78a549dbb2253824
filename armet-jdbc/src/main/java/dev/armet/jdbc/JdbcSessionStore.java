package dev.armet.jdbc;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Server-side sessions in a SQL table: one row per session (key, user, the record's versioned JSON,
 * expiry in µs, write version). Each operation is one auto-committed statement: load a {@code
 * SELECT} of live rows only; save a compare-and-set, either an {@code INSERT} that writes nothing
 * over a live row (a create) or an {@code UPDATE … WHERE version = ? AND expires_at > ?} (a
 * change), so a session deleted meanwhile is never written back; touch an {@code UPDATE} of the
 * expiry column only; "log out everywhere" a {@code DELETE} by the indexed user column. Expired
 * rows are purged in the background. A failure throws {@link JdbcStoreException} within the
 * timeout.
 */
public final class JdbcSessionStore implements SessionStore {
  private final DataSource data;
  private final Sql sql;
  private final Clock clock;
  private final int timeoutSeconds;

  JdbcSessionStore(DataSource data, Sql sql, Clock clock, int timeoutSeconds) {
    this.data = data;
    this.sql = sql;
    this.clock = clock;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public Optional<SessionRecord> load(String key) {
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, sql.sessionLoad)) {
      s.setString(1, key);
      s.setLong(2, Micros.of(clock.instant()));
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return SessionRecord.decode(
            key, row.getString(1), Micros.toInstant(row.getLong(2)), row.getLong(3));
      }
    } catch (SQLException e) {
      throw new JdbcStoreException("session load", e);
    }
  }

  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    boolean create = expectedVersion == ABSENT;
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, create ? sql.sessionCreate : sql.sessionUpdate)) {
      long now = Micros.of(clock.instant());
      if (create) {
        s.setString(1, record.key());
        s.setString(2, record.userId().orElse(null));
        s.setString(3, record.encode());
        s.setLong(4, Micros.of(record.expiresAt()));
        s.setLong(5, record.version());
        if (sql.dialect != SqlDialect.MARIADB) {
          s.setLong(6, now);
        }
      } else {
        s.setString(1, record.userId().orElse(null));
        s.setString(2, record.encode());
        s.setLong(3, Micros.of(record.expiresAt()));
        s.setLong(4, record.version());
        s.setString(5, record.key());
        s.setLong(6, expectedVersion);
        s.setLong(7, now);
      }
      return s.executeUpdate() == 1;
    } catch (SQLIntegrityConstraintViolationException e) {
      if (create && sql.dialect == SqlDialect.MARIADB) {
        return false; // a live row holds the key (see Sql#sessionCreate)
      }
      throw new JdbcStoreException("session save", e);
    } catch (SQLException e) {
      throw new JdbcStoreException("session save", e);
    }
  }

  @Override
  public void touch(String key, Instant expiresAt) {
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, sql.sessionTouch)) {
      s.setLong(1, Micros.of(expiresAt));
      s.setString(2, key);
      s.setLong(3, Micros.of(clock.instant()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new JdbcStoreException("session touch", e);
    }
  }

  @Override
  public void delete(String key) {
    update(sql.sessionDelete, key, "session delete");
  }

  @Override
  public void deleteAllForUser(String userId) {
    update(sql.sessionDeleteUser, userId, "log out everywhere");
  }

  /** One {@code SELECT} of the user's live rows, by the indexed user column. */
  @Override
  public List<SessionRecord> listForUser(String userId) {
    List<SessionRecord> found = new ArrayList<>();
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, sql.sessionListUser)) {
      s.setString(1, userId);
      s.setLong(2, Micros.of(clock.instant()));
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          SessionRecord.decode(
                  row.getString(1),
                  row.getString(2),
                  Micros.toInstant(row.getLong(3)),
                  row.getLong(4))
              .ifPresent(found::add);
        }
      }
    } catch (SQLException e) {
      throw new JdbcStoreException("list a user's sessions", e);
    }
    return found;
  }

  /** Ending sessions is durable even where the pool commits asynchronously (PostgreSQL). */
  private void update(String statement, String value, String operation) {
    try (Connection c = data.getConnection()) {
      boolean durable = sql.dialect == SqlDialect.POSTGRESQL;
      c.setAutoCommit(!durable);
      try {
        if (durable) {
          try (java.sql.Statement sync = c.createStatement()) {
            sync.execute("SET LOCAL synchronous_commit = on");
          }
        }
        try (PreparedStatement s = c.prepareStatement(statement)) {
          s.setQueryTimeout(timeoutSeconds);
          s.setString(1, value);
          s.executeUpdate();
        }
        if (durable) {
          c.commit();
        }
      } catch (SQLException e) {
        if (durable) {
          c.rollback();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  private PreparedStatement prepare(Connection c, String statement) throws SQLException {
    c.setAutoCommit(true);
    PreparedStatement s = c.prepareStatement(statement);
    s.setQueryTimeout(timeoutSeconds);
    return s;
  }
}
