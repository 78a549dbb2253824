package dev.armet.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Deletes expired sessions and rate-limit rows in the background, in batches of a few hundred rows
 * so no statement holds locks for long, batch after batch until nothing expired is left or a run
 * has taken {@link #RUN_BUDGET}: a flood of new keys (one row per address, per username) is
 * drained, not trimmed by a fixed count while the table grows. Failures are logged and retried at
 * the next run; the stores never depend on it (they ignore expired rows anyway).
 */
final class Purger implements AutoCloseable {
  static final int BATCH = 500;

  /** How long one run may go on; past it the rest waits for the next run. */
  static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  private static final System.Logger LOG = System.getLogger("armet.jdbc");

  private final DataSource data;
  private final Sql sql;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  Purger(DataSource data, Sql sql, Clock clock, Duration interval) {
    this.data = data;
    this.sql = sql;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "armet-jdbc-purge");
              t.setDaemon(true);
              return t;
            });
    if (!interval.isZero()) {
      long ms = interval.toMillis();
      timer.scheduleWithFixedDelay(this::runQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** One run now; returns how many rows it deleted. */
  int run() throws SQLException {
    long now = Micros.of(clock.instant());
    long stopAt = System.nanoTime() + RUN_BUDGET.toNanos();
    return drain(sql.sessionPurge, now, stopAt) + drain(sql.limitPurge, now, stopAt);
  }

  private int drain(String statement, long now, long stopAt) throws SQLException {
    int total = 0;
    try (Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      c.setAutoCommit(true);
      while (System.nanoTime() - stopAt < 0) {
        s.setLong(1, now);
        s.setInt(2, BATCH);
        int n = s.executeUpdate();
        total += n;
        if (n < BATCH) {
          break;
        }
      }
    }
    return total;
  }

  private void runQuietly() {
    try {
      run();
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "purge of expired rows failed (retried next run): SQLState {0}",
          e instanceof SQLException
              ? ((SQLException) e).getSQLState()
              : e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
