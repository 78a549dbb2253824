package dev.armet.jdbc;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A one-key decision without a transaction: read the state, run core's {@link
 * RateLimitCommand#apply}, and write back only if the row still holds the bytes read
 * (compare-and-set: {@code UPDATE … WHERE k = ? AND state = ?}, an insert that does nothing on a
 * conflict, a conditional delete). Two statements, each its own autocommit round trip, where the
 * locking transaction takes three (PostgreSQL: lock-and-read, write, commit) to six (MariaDB:
 * autocommit off, lock, read, write, commit, autocommit on); one when nothing is to be written (a
 * refusal that earns no block). Exact as the lock: the write lands only on the state the arithmetic
 * started from, and equal bytes are an equal state, so a concurrent decision in between makes this
 * one lose and be retried rather than be lost.
 */
final class LimitCas {
  private final Sql sql;

  LimitCas(Sql sql) {
    this.sql = sql;
  }

  /** The decision, or null when a concurrent decision changed the row first (retry). */
  RateLimitCommand.Result decide(Connection c, RateLimitCommand command, int seconds)
      throws SQLException {
    c.setAutoCommit(true);
    String key = command.keys().get(0);
    boolean row;
    byte[] stored;
    try (PreparedStatement s = c.prepareStatement(sql.limitReadOne)) {
      s.setQueryTimeout(seconds);
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        row = r.next();
        stored = row ? r.getBytes(1) : null;
      }
    }
    RateLimitCommand.Result result = command.apply(new LimitState[] {LimitState.decode(stored)});
    if (!result.mustWrite(0)) {
      return result;
    }
    LimitState next = result.state(0);
    if (next == null && !row) {
      return result; // absent stays absent
    }
    String statement =
        next == null
            ? (stored == null ? sql.limitCasDeleteNull : sql.limitCasDelete)
            : !row
                ? sql.limitCasInsert
                : stored == null ? sql.limitCasUpdateNull : sql.limitCasUpdate;
    try (PreparedStatement s = c.prepareStatement(statement)) {
      s.setQueryTimeout(seconds);
      int i = 1;
      if (next != null && !row) {
        s.setString(i++, key);
      }
      if (next != null) {
        s.setBytes(i++, next.encode());
        s.setLong(i++, result.expiresAtMicros(0));
      }
      if (row) {
        s.setString(i++, key);
        if (stored != null) {
          s.setBytes(i, stored);
        }
      }
      return s.executeUpdate() == 1 ? result : null;
    }
  }
}
