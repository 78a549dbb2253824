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
 * version and runs each missing step, then records it. Steps are idempotent ({@code IF NOT
 * EXISTS}), so instances starting together cannot break each other. A database newer than this
 * release is refused: its tables may mean something this code does not know.
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
        throw new IllegalStateException(
            "the "
                + prefix
                + "* tables are at schema version "
                + current
                + ", newer than this release's "
                + SqlDialect.SCHEMA_VERSION
                + "; upgrade Armet on this instance");
      }
      for (int v = current + 1; v <= SqlDialect.SCHEMA_VERSION; v++) {
        if (v == 2) {
          addSessionVersion(c, dialect, prefix);
        } else {
          try (Statement s = c.createStatement()) {
            for (String step : dialect.migration(prefix, v)) {
              s.execute(step);
            }
          }
        }
        try (PreparedStatement s = c.prepareStatement(dialect.recordVersion(prefix, v))) {
          s.setLong(1, clock.millis());
          s.executeUpdate();
        }
      }
    }
  }

  /** Idempotent: another instance starting at the same moment may have added it first. */
  private static void addSessionVersion(Connection c, SqlDialect dialect, String prefix)
      throws SQLException {
    if (hasSessionVersion(c, dialect, prefix)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute(dialect.addSessionVersion(prefix));
    } catch (SQLException e) {
      if (!hasSessionVersion(c, dialect, prefix)) {
        throw e;
      }
    }
  }

  private static boolean hasSessionVersion(Connection c, SqlDialect dialect, String prefix) {
    try (Statement s = c.createStatement()) {
      s.executeQuery(dialect.probeSessionVersion(prefix)).close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static int currentVersion(Connection c, String prefix) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM " + prefix + "schema_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }
}
