package dev.armet.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The demo's own tables (accounts and notes) in SQL: the embedded SQLite file {@code DIR/demo.db}
 * by default, or the PostgreSQL/MariaDB database of {@code --store}. Every statement the demo runs
 * on it is a {@link java.sql.PreparedStatement} with bound parameters; the only SQL built from
 * strings is the fixed DDL below, which has no input in it. The DDL is portable (no auto-increment,
 * no dialect types): ids are random, times are epoch milliseconds.
 */
final class DemoDatabase {
  /** Bounded text columns; MariaDB indexes a VARCHAR primary key of this size in utf8mb4. */
  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS demo_users (username VARCHAR(200) NOT NULL PRIMARY KEY,"
              + " password_hash VARCHAR(255) NOT NULL, created_at BIGINT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS demo_notes (id VARCHAR(32) NOT NULL PRIMARY KEY,"
              + " owner VARCHAR(200) NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS demo_notes_owner ON demo_notes (owner, created_at)");

  private final DataSource data;

  private DemoDatabase(DataSource data) {
    this.data = data;
  }

  /**
   * The demo's tables in {@code data} (created if missing).
   *
   * @throws IllegalStateException if the tables cannot be created
   */
  static DemoDatabase of(DataSource data) {
    DemoDatabase db = new DemoDatabase(Objects.requireNonNull(data, "data"));
    db.createTables();
    return db;
  }

  /** The embedded default: {@code folder/demo.db}, WAL, a 5 s busy timeout. */
  static DemoDatabase sqlite(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create the data folder " + folder + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + folder.resolve("demo.db").toAbsolutePath());
    return of(source);
  }

  Connection connection() throws SQLException {
    return data.getConnection();
  }

  private void createTables() {
    try (Connection c = data.getConnection();
        Statement s = c.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl); // fixed text, no input: the one place SQL is not a prepared statement
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the demo's tables: SQLState " + e.getSQLState() + " " + e.getMessage(), e);
    }
  }
}
