package dev.armet.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Deletes expired sessions and rate-limit rows in the background, in batches of a few hundred
 * rows so no statement holds locks for long, and at most a bounded number of batches per run so
 * a backlog drains over several runs instead of one long burst. Failures are logged and retried
 * at the next run; the stores never depend on it (they ignore expired rows anyway).
 */
final class Purger implements AutoCloseable {
  static final int BATCH = 500;
  private static final int MAX_BATCHES_PER_RUN = 20;
  private static final Logger LOG = Logger.getLogger(Purger.class.getName());

  private final DataSource data;
  private final Sql sql;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  Purger(DataSource data, Sql sql, Clock clock, Duration interval) {
    this.data = data;
    this.sql = sql;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
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
    return drain(sql.sessionPurge, now) + drain(sql.limitPurge, now);
  }

  private int drain(String statement, long now) throws SQLException {
    int total = 0;
    try (Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      c.setAutoCommit(true);
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
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
      LOG.log(Level.WARNING, "purge of expired rows failed (retried next run): SQLState {0}",
          e instanceof SQLException ? ((SQLException) e).getSQLState() : e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
