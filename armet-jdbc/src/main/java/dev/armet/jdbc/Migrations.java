package dev.armet.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Brings the schema to {@link SqlDialect#SCHEMA_VERSION} at start-up: reads the highest applied
 * version and runs each missing step, then records it. Steps are idempotent
 * ({@code IF NOT EXISTS}), so instances starting together cannot break each other. A database
 * newer than this release is refused: its tables may mean something this code does not know.
 */
final class Migrations {
  private Migrations() {}

  static void apply(DataSource data, SqlDialect dialect, String prefix, Clock clock)
      throws SQLException {
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute(dialect.versionTable(prefix));
      }
      int current = currentVersion(c, prefix);
      if (current > SqlDialect.SCHEMA_VERSION) {
        throw new IllegalStateException("the " + prefix + "* tables are at schema version " + current
            + ", newer than this release's " + SqlDialect.SCHEMA_VERSION
            + "; upgrade Armet on this instance");
      }
      for (int v = current + 1; v <= SqlDialect.SCHEMA_VERSION; v++) {
        try (Statement s = c.createStatement()) {
          for (String step : dialect.migration(prefix, v)) {
            s.execute(step);
          }
        }
        try (PreparedStatement s = c.prepareStatement(dialect.recordVersion(prefix, v))) {
          s.setLong(1, clock.millis());
          s.executeUpdate();
        }
      }
    }
  }

  private static int currentVersion(Connection c, String prefix) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM " + prefix + "schema_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }
}
