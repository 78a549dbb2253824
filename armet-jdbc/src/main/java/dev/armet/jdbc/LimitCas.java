package dev.armet.jdbc;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A one-key decision without a transaction, by compare-and-set: run core's {@link
 * RateLimitCommand#apply} on a state, and write back only if the row still holds exactly the bytes
 * that state came from ({@code UPDATE … WHERE k = ? AND state = ?}, an insert that does nothing on
 * a conflict, a conditional delete). Exact as the lock: the write lands only on the state the
 * arithmetic started from, and equal bytes are an equal state, so a concurrent decision in between
 * makes this one lose and be retried rather than be lost.
 *
 * <p><b>One statement</b> when the key's row is in {@link KnownLimitRows} (this process read or
 * wrote it last): the write is sent against those bytes straight away, and an update count of 1
 * means the row held them, so the decision is exactly the one a fresh read would have given. A
 * count of 0 (another instance, thread or the purger changed the row; a cached absence met an
 * existing row) falls through to the read below. Core's arithmetic stays in core: the SQL only
 * compares bytes.
 *
 * <p><b>Two statements</b> otherwise: read the row, then the write; one when nothing is to be
 * written. A decision that writes nothing (a refusal that earns no block; absent stays absent) is
 * never answered from the cache, since another instance may have reset the key (a successful login
 * clearing its throttle): it reads the row, which is the one statement a confirmation would cost
 * anyway ({@code SELECT} rather than a no-op {@code UPDATE}, which would write a row version and
 * log on PostgreSQL and InnoDB), and whose answer is usable when the cached one was stale.
 */
final class LimitCas {
  private final Sql sql;
  private final KnownLimitRows known;

  LimitCas(Sql sql, KnownLimitRows known) {
    this.sql = sql;
    this.known = known;
  }

  /** The decision, or null when a concurrent decision changed the row first (retry). */
  RateLimitCommand.@Nullable Result decide(Connection c, RateLimitCommand command, int seconds)
      throws SQLException {
    c.setAutoCommit(true);
    String key = command.keys().get(0);
    KnownLimitRows.Row guess = known.guess(key);
    if (guess != null) {
      RateLimitCommand.Result result = apply(command, guess.stored());
      String statement = writeFor(guess.present(), guess.stored(), result);
      if (statement != null) {
        byte[] next = written(result);
        if (write(c, statement, key, guess.present(), guess.stored(), next, result, seconds)) {
          known.won(key, next);
          return result;
        }
        known.lost(key);
      }
    }
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
    RateLimitCommand.Result result = apply(command, stored);
    String statement = writeFor(row, stored, result);
    if (statement == null) {
      known.saw(key, row, stored);
      return result;
    }
    byte[] next = written(result);
    if (write(c, statement, key, row, stored, next, result, seconds)) {
      known.saw(key, next != null, next);
      return result;
    }
    known.unsure(key);
    return null;
  }

  private static RateLimitCommand.Result apply(RateLimitCommand command, byte @Nullable [] stored) {
    return command.apply(new LimitState[] {LimitState.decode(stored)});
  }

  /** The bytes the row holds after a successful write; null when it was deleted. */
  private static byte @Nullable [] written(RateLimitCommand.Result result) {
    LimitState next = result.state(0);
    return next == null ? null : next.encode();
  }

  /** The compare-and-set write this result needs on that row, or null when nothing changes. */
  private @Nullable String writeFor(
      boolean row, byte @Nullable [] stored, RateLimitCommand.Result result) {
    if (!result.mustWrite(0)) {
      return null;
    }
    LimitState next = result.state(0);
    if (next == null) {
      return !row ? null : stored == null ? sql.limitCasDeleteNull : sql.limitCasDelete;
    }
    return !row ? sql.limitCasInsert : stored == null ? sql.limitCasUpdateNull : sql.limitCasUpdate;
  }

  /**
   * Whether the write of {@code next} (null: delete) landed, i.e. the row was as {@code row} and
   * {@code stored} say.
   */
  private static boolean write(
      Connection c,
      String statement,
      String key,
      boolean row,
      byte @Nullable [] stored,
      byte @Nullable [] next,
      RateLimitCommand.Result result,
      int seconds)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(statement)) {
      s.setQueryTimeout(seconds);
      int i = 1;
      if (next != null && !row) {
        s.setString(i++, key);
      }
      if (next != null) {
        s.setBytes(i++, next);
        s.setLong(i++, result.expiresAtMicros(0));
      }
      if (row) {
        s.setString(i++, key);
        if (stored != null) {
          s.setBytes(i, stored);
        }
      }
      return s.executeUpdate() == 1;
    }
  }
}
