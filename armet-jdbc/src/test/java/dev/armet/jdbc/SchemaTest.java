package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.testing.Poll;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The versioned schema: printed DDL, start-up migration, refusal of a newer schema, purge. */
class SchemaTest {
  @TempDir Path dataFolder;

  @Test
  void ddl_postgresql_isTheVersionedScript() {
    String ddl = SqlDialect.named("postgresql").ddl("armet_");
    assertThat(ddl)
        .startsWith("-- Armet schema version 3 for postgresql\n")
        .contains("CREATE TABLE IF NOT EXISTS armet_sessions (k VARCHAR(128) PRIMARY KEY")
        .contains(
            "CREATE TABLE IF NOT EXISTS armet_limits (k VARCHAR(255) PRIMARY KEY, state BYTEA")
        .contains("CREATE INDEX IF NOT EXISTS armet_sessions_user ON armet_sessions (user_id)")
        .contains(
            "INSERT INTO armet_schema_version (version, applied_at) VALUES (1, 1)"
                + " ON CONFLICT (version) DO NOTHING;\n")
        .contains("ALTER TABLE armet_sessions ADD COLUMN version BIGINT NOT NULL DEFAULT 1;\n")
        .contains(
            "INSERT INTO armet_schema_version (version, applied_at) VALUES (2, 1)"
                + " ON CONFLICT (version) DO NOTHING;\n")
        .contains("CREATE TABLE IF NOT EXISTS armet_leases (name VARCHAR(255) PRIMARY KEY")
        .endsWith(
            "INSERT INTO armet_schema_version (version, applied_at) VALUES (3, 1)"
                + " ON CONFLICT (version) DO NOTHING;\n");
    assertThat(SqlDialect.named("mysql").ddl("app_"))
        .contains("COLLATE ascii_bin")
        .contains("INSERT IGNORE");
  }

  @Test
  void named_andPrefix_refuseWithTheRule() {
    assertThatThrownBy(() -> SqlDialect.named("oracle"))
        .hasMessage("dialect must be one of postgresql, mariadb, mysql, sqlite; was oracle");
    assertThatThrownBy(() -> SqlDialect.POSTGRESQL.ddl("Armet-"))
        .hasMessage("tablePrefix must match [a-z][a-z0-9_]{0,29}, was Armet-");
  }

  /** The printed DDL, applied by hand, is what start-up expects: it then migrates nothing. */
  @ParameterizedTest
  @EnumSource(Database.class)
  void printedDdl_appliedByHand_thenStartupAcceptsIt(Database db) throws Exception {
    db.require();
    String prefix = Database.freshPrefix();
    JdbcStores first =
        db.open("x" + prefix, Clock.systemUTC(), dataFolder); // just a pool to run DDL on
    try (Connection c = first.dataSourceForTests().getConnection();
        Statement s = c.createStatement()) {
      for (String statement :
          first.dialect().ddl(prefix).replaceFirst("^--[^\n]*\n", "").split(";\n")) {
        s.execute(statement);
      }
    } finally {
      Database.dropAndClose(first);
    }
    JdbcStores stores = db.open(prefix, Clock.systemUTC(), dataFolder);
    try {
      Instant now = Instant.now();
      assertThat(
              stores
                  .sessions()
                  .save(
                      new SessionRecord("k", "u", now, now.plusSeconds(60), Map.of("a", 1)),
                      SessionStore.ABSENT))
          .isTrue();
      assertThat(stores.sessions().load("k")).isPresent();
    } finally {
      Database.dropAndClose(stores);
    }
  }

  /** A rolling deploy: tables and rows of the previous release (schema 1) migrate in place. */
  @ParameterizedTest
  @EnumSource(Database.class)
  void startup_onSchemaOne_addsTheVersion_andOldRowsReadAsVersionOne(Database db) throws Exception {
    db.require();
    String prefix = Database.freshPrefix();
    JdbcStores scratch = db.open("x" + prefix, Clock.systemUTC(), dataFolder); // a pool for DDL
    Instant now = Instant.now();
    SessionRecord old = new SessionRecord("old", "u", now, now.plusSeconds(600), Map.of("a", 1));
    try (Connection c = scratch.dataSourceForTests().getConnection();
        Statement s = c.createStatement()) {
      for (String statement : scratch.dialect().migration(prefix, 1)) {
        s.execute(statement);
      }
      s.execute(scratch.dialect().recordVersion(prefix, 1).replace("?", "1"));
      try (java.sql.PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO "
                  + prefix
                  + "sessions (k, user_id, data, expires_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, "old");
        insert.setString(2, "u");
        insert.setString(3, old.encode());
        insert.setLong(4, Micros.of(old.expiresAt()));
        insert.executeUpdate();
      }
    } finally {
      Database.dropAndClose(scratch);
    }
    JdbcStores stores = db.open(prefix, Clock.systemUTC(), dataFolder);
    try {
      SessionRecord back = stores.sessions().load("old").orElseThrow();
      assertThat(back.version()).isEqualTo(SessionRecord.FIRST_VERSION);
      assertThat(back.attributes()).isEqualTo(Map.of("a", 1));
      assertThat(stores.sessions().save(back.withVersion(2), 1)).isTrue();
      assertThat(stores.sessions().save(back.withVersion(2), 1)).isFalse();
      db.open(prefix, Clock.systemUTC(), dataFolder).close(); // a second start migrates nothing
    } finally {
      Database.dropAndClose(stores);
    }
  }

  @Test
  void startup_onANewerSchema_refusesWithTheReason() throws Exception {
    String prefix = Database.freshPrefix();
    JdbcStores stores = Database.SQLITE.open(prefix, Clock.systemUTC(), dataFolder);
    try {
      try (Connection c = stores.dataSourceForTests().getConnection();
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + prefix + "schema_version (version, applied_at) VALUES (4, 0)");
      }
      assertThatThrownBy(() -> Database.SQLITE.open(prefix, Clock.systemUTC(), dataFolder))
          .hasMessageContaining("tables are at schema version 4, newer than this release's 3");
    } finally {
      Database.dropAndClose(stores);
    }
  }

  @Test
  void backgroundPurge_removesExpiredRowsByItself() throws Exception {
    dev.armet.testing.MutableClock clock = new dev.armet.testing.MutableClock();
    String prefix = Database.freshPrefix();
    JdbcStores stores =
        JdbcStores.open(
            "sqlite:purge.db",
            b ->
                b.tablePrefix(prefix)
                    .clock(clock)
                    .dataFolder(dataFolder)
                    .purgeInterval(Duration.ofMillis(20)));
    try {
      Instant now = clock.instant();
      assertThat(
              stores
                  .sessions()
                  .save(
                      new SessionRecord("old", null, now, now.plusSeconds(60), Map.of()),
                      SessionStore.ABSENT))
          .isTrue();
      clock.advance(Duration.ofMinutes(2));
      // Parks between reads, so the purge thread gets the CPU and the database it needs.
      Poll.until(
          Duration.ofSeconds(10),
          "the background purge removed the expired session",
          () -> rows(stores, prefix + "sessions"),
          n -> n == 0);
    } finally {
      Database.dropAndClose(stores);
    }
  }

  private static int rows(JdbcStores stores, String table) throws Exception {
    try (Connection c = stores.dataSourceForTests().getConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void purge_deletesExpiredRowsInBatches_keepsLiveOnes(Database db) {
    dev.armet.testing.MutableClock clock = new dev.armet.testing.MutableClock();
    JdbcStores stores = db.open(clock, dataFolder);
    try {
      Instant now = clock.instant();
      for (int i = 0; i < Purger.BATCH * 2 + 17; i++) {
        assertThat(
                stores
                    .sessions()
                    .save(
                        new SessionRecord("old" + i, null, now, now.plusSeconds(60), Map.of()),
                        SessionStore.ABSENT))
            .isTrue();
      }
      assertThat(
              stores
                  .sessions()
                  .save(
                      new SessionRecord("live", null, now, now.plus(Duration.ofHours(1)), Map.of()),
                      SessionStore.ABSENT))
          .isTrue();
      clock.advance(Duration.ofMinutes(2));
      assertThat(stores.purgeExpired()).isEqualTo(Purger.BATCH * 2 + 17);
      assertThat(stores.purgeExpired()).isZero();
      assertThat(stores.sessions().load("live")).isPresent();
    } finally {
      Database.dropAndClose(stores);
    }
  }

  /**
   * Issue 10 item 27: a run deleted at most 10,000 rows, so a flood of new keys (a botnet's
   * addresses, sprayed usernames) grew the table faster than the purge emptied it.
   */
  @ParameterizedTest
  @EnumSource(Database.class)
  void purge_floodOfExpiredRateLimitRows_drainedInOneRun(Database db) throws Exception {
    db.require();
    dev.armet.testing.MutableClock clock = new dev.armet.testing.MutableClock();
    JdbcStores stores = db.open(clock, dataFolder);
    try {
      int flood = 12_000; // more than the 10,000 one run used to delete
      long expired = Micros.of(clock.instant()) - 1;
      try (Connection c = stores.dataSourceForTests().getConnection();
          java.sql.PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO "
                      + stores.tablePrefix()
                      + "limits (k, state, expires_at) VALUES (?, ?, ?)")) {
        c.setAutoCommit(false);
        for (int i = 0; i < flood; i++) {
          insert.setString(1, "flood:" + i);
          insert.setBytes(2, new byte[] {1});
          insert.setLong(3, expired);
          insert.addBatch();
          if (i % 4_000 == 3_999) {
            insert.executeBatch();
          }
        }
        c.commit();
      }
      assertThat(stores.purgeExpired()).isEqualTo(flood);
      assertThat(rows(stores, stores.tablePrefix() + "limits")).isZero();
    } finally {
      Database.dropAndClose(stores);
    }
  }
}
