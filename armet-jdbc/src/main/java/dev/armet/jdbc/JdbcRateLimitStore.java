package dev.armet.jdbc;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Rate-limit state in a SQL table, one row per key (state: core's versioned {@link LimitState}
 * bytes). A one-key decision (the common case: a request's limit) is a compare-and-set without a
 * transaction ({@link LimitCas}): one statement when this store read or wrote the key's row last
 * (the conditional write is sent against the bytes it saw, and lands only if the row still holds
 * them), two otherwise (read, then the conditional write); after losing twice to concurrent
 * decisions on the same key it takes the lock as combined decisions do. A combined decision is one
 * transaction that locks the key rows, runs core's {@link RateLimitCommand#apply} and writes back:
 * PostgreSQL locks and reads in one {@code INSERT … ON CONFLICT … DO UPDATE … RETURNING}, MariaDB
 * in an {@code INSERT … ON DUPLICATE KEY UPDATE} plus {@code SELECT … FOR UPDATE}, SQLite by {@code
 * BEGIN IMMEDIATE}. Rows are locked in key order, so combined limits cannot deadlock one another; a
 * deadlock or serialization failure the database reports anyway is retried.
 *
 * <p>Why the one statement is a guess and not the algorithm in SQL: two algorithms, six operations
 * and all-or-nothing combined limits would be a third and fourth copy of core's arithmetic, per
 * dialect, and Java needs the state before the write to report the statuses, which an upsert's
 * {@code RETURNING} gives only through an extra column set to the old value (PostgreSQL's {@code
 * RETURNING OLD} is 18+; SQLite cannot read integers out of the stored bytes). Guessing the state
 * from what this store last saw ({@link KnownLimitRows}: bounded, no secrets) keeps one copy of the
 * arithmetic and the exactness of the compare-and-set; a wrong guess costs one statement, and keys
 * whose guesses keep failing (written by several instances) stop guessing for a while
 * (docs/PERFORMANCE.md). A failure throws {@link RateLimitStoreException} within the configured
 * timeout.
 */
public final class JdbcRateLimitStore implements RateLimitStore {
  private static final int ATTEMPTS = 3;

  /** Compare-and-set tries of a one-key decision before it takes the row lock instead. */
  private static final int OPTIMISTIC_TRIES = 2;

  private final DataSource data;
  private final Sql sql;
  private final long timeoutNanos;
  private final LongSupplier nanoTime;
  private final KnownLimitRows known;
  private final LimitCas cas;

  JdbcRateLimitStore(DataSource data, Sql sql, Duration timeout) {
    this(data, sql, timeout, System::nanoTime, KnownLimitRows.DEFAULT_MAX);
  }

  /** {@code nanoTime}: the monotonic time the deadline is measured on (tests drive it). */
  JdbcRateLimitStore(DataSource data, Sql sql, Duration timeout, LongSupplier nanoTime) {
    this(data, sql, timeout, nanoTime, KnownLimitRows.DEFAULT_MAX);
  }

  /** {@code maxKnownRows}: how many keys' last seen rows are kept for one-statement decisions. */
  JdbcRateLimitStore(
      DataSource data, Sql sql, Duration timeout, LongSupplier nanoTime, int maxKnownRows) {
    this.data = data;
    this.sql = sql;
    this.timeoutNanos = timeout.toNanos();
    this.nanoTime = nanoTime;
    this.known = new KnownLimitRows(maxKnownRows);
    this.cas = new LimitCas(sql, known);
  }

  /** How many keys' rows this store remembers (bounded by {@code maxKnownRows}). */
  int knownRows() {
    return known.size();
  }

  /**
   * One decision, retried on a deadlock or a lost connection, all within one deadline: the
   * configured timeout bounds the whole call, not each attempt (three attempts never make one
   * request wait three timeouts). A retry starts only while a quarter of the timeout is left, and
   * each statement gets what is left (JDBC counts query timeouts in whole seconds, at least 1).
   */
  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command) {
    long deadline = nanoTime.getAsLong() + timeoutNanos;
    SQLException last = null;
    int attempt = 0;
    while (attempt < ATTEMPTS) {
      long left = deadline - nanoTime.getAsLong();
      if (attempt > 0 && left < timeoutNanos / 4) {
        break; // too little left for another try to finish: fail now, within the timeout
      }
      attempt++;
      int seconds = (int) Math.max(1, (Math.max(0, left) + 999_999_999L) / 1_000_000_000L);
      try (Connection c = data.getConnection()) {
        if (command.operation() == RateLimitCommand.Operation.GET) {
          return read(c, command, seconds);
        }
        if (command.keys().size() == 1) {
          for (int tried = 0; tried < OPTIMISTIC_TRIES; tried++) {
            RateLimitCommand.Result decided = cas.decide(c, command, seconds);
            if (decided != null) {
              return decided;
            }
          }
        }
        return decide(c, command, seconds);
      } catch (SQLException e) {
        last = e;
        if (!retryable(e)) {
          break;
        }
      }
    }
    throw new RateLimitStoreException(
        "rate-limit decision failed after "
            + attempt
            + (attempt == 1 ? " attempt" : " attempts")
            + " within the "
            + timeoutNanos / 1_000_000
            + " ms timeout: SQLState "
            + last.getSQLState()
            + " "
            + last.getClass().getSimpleName(),
        last);
  }

  /**
   * Deadlock, serialization failure, or a connection that died (08xxx, PostgreSQL's 57P01 for a
   * terminated backend). Died during commit, the decision may have landed and is spent twice: an
   * over-count, the safe direction; never an over-admission.
   */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("40") || state.startsWith("08") || state.equals("57P01"));
  }

  private RateLimitCommand.Result read(Connection c, RateLimitCommand command, int seconds)
      throws SQLException {
    c.setAutoCommit(true);
    return command.apply(select(c, command.keys(), false, seconds));
  }

  private RateLimitCommand.Result decide(Connection c, RateLimitCommand command, int seconds)
      throws SQLException {
    c.setAutoCommit(false);
    try {
      List<String> keys = command.keys();
      for (String key : keys) {
        known.forget(key); // written here, not by the compare-and-set: read it next time
      }
      LimitState[] current = lock(c, keys, seconds);
      RateLimitCommand.Result result = command.apply(current);
      write(c, keys, result, seconds);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      throw e;
    }
  }

  private LimitState[] lock(Connection c, List<String> keys, int seconds) throws SQLException {
    String[] sorted = keys.toArray(new String[0]);
    Arrays.sort(sorted, Comparator.naturalOrder());
    String lock = sql.limitLock(sorted.length);
    if (sql.dialect == SqlDialect.POSTGRESQL) {
      try (PreparedStatement s = c.prepareStatement(lock)) {
        s.setQueryTimeout(seconds);
        bind(s, sorted);
        return ordered(keys, s.executeQuery());
      }
    }
    if (lock != null) {
      try (PreparedStatement s = c.prepareStatement(lock)) {
        s.setQueryTimeout(seconds);
        bind(s, sorted);
        s.executeUpdate();
      }
    }
    return select(c, keys, true, seconds);
  }

  private LimitState[] select(Connection c, List<String> keys, boolean forUpdate, int seconds)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql.limitSelect(keys.size(), forUpdate))) {
      s.setQueryTimeout(seconds);
      bind(s, keys.toArray(new String[0]));
      return ordered(keys, s.executeQuery());
    }
  }

  private static LimitState[] ordered(List<String> keys, ResultSet rows) throws SQLException {
    Map<String, byte[]> found = new HashMap<>();
    try (rows) {
      while (rows.next()) {
        found.put(rows.getString(1), rows.getBytes(2));
      }
    }
    LimitState[] states = new LimitState[keys.size()];
    for (int i = 0; i < states.length; i++) {
      states[i] = LimitState.decode(found.get(keys.get(i))); // null, empty or unknown: absent
    }
    return states;
  }

  private void write(Connection c, List<String> keys, RateLimitCommand.Result result, int seconds)
      throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(sql.limitUpsert);
        PreparedStatement delete = c.prepareStatement(sql.limitDelete)) {
      upsert.setQueryTimeout(seconds);
      delete.setQueryTimeout(seconds);
      boolean upserts = false;
      boolean deletes = false;
      for (int i = 0; i < keys.size(); i++) {
        if (!result.mustWrite(i)) {
          continue;
        }
        LimitState next = result.state(i);
        if (next == null) {
          delete.setString(1, keys.get(i));
          delete.addBatch();
          deletes = true;
        } else {
          upsert.setString(1, keys.get(i));
          upsert.setBytes(2, next.encode());
          upsert.setLong(3, result.expiresAtMicros(i));
          upsert.addBatch();
          upserts = true;
        }
      }
      if (upserts) {
        upsert.executeBatch();
      }
      if (deletes) {
        delete.executeBatch();
      }
    }
  }

  private static void bind(PreparedStatement s, String[] keys) throws SQLException {
    for (int i = 0; i < keys.length; i++) {
      s.setString(i + 1, keys[i]);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it and the transaction dies with it
    }
  }
}
