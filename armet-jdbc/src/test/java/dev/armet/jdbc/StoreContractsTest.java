package dev.armet.jdbc;

import dev.armet.ratelimit.RateLimitStoreContract;
import dev.armet.session.SessionStoreContract;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import dev.armet.spi.SharedRecordStore;
import dev.armet.spi.SharedRecordStoreContract;
import dev.armet.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Core's three contract suites, unchanged, against each database. */
class StoreContractsTest {
  @TempDir static Path dataFolder;

  abstract static class Sessions extends SessionStoreContract {
    private JdbcStores stores;

    abstract Database database();

    @Override
    protected SessionStore newStore(MutableClock clock) {
      stores = database().open(clock, dataFolder);
      return stores.sessions();
    }

    @AfterEach
    void drop() {
      Database.dropAndClose(stores);
    }
  }

  abstract static class RateLimits extends RateLimitStoreContract {
    private final List<JdbcStores> opened = new ArrayList<>();

    abstract Database database();

    @Override
    protected RateLimitStore newStore() {
      JdbcStores s = database().open(Clock.systemUTC(), dataFolder);
      opened.add(s);
      return s.rateLimits();
    }

    /** Every row of the limits table: the key and the state, as text. */
    @Override
    protected List<String> storedText(RateLimitStore store) throws Exception {
      JdbcStores stores =
          opened.stream().filter(s -> s.rateLimits() == store).findFirst().orElseThrow();
      List<String> text = new ArrayList<>();
      try (java.sql.Connection c = stores.dataSourceForTests().getConnection();
          java.sql.Statement s = c.createStatement();
          java.sql.ResultSet rows =
              s.executeQuery("SELECT k, state FROM " + stores.tablePrefix() + "limits")) {
        while (rows.next()) {
          text.add(rows.getString(1));
          text.add(new String(rows.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
      return text;
    }

    @AfterEach
    void drop() {
      opened.forEach(Database::dropAndClose);
    }
  }

  abstract static class SharedRecords extends SharedRecordStoreContract {
    private JdbcStores stores;

    abstract Database database();

    @Override
    protected SharedRecordStore newStore() {
      stores = database().open(Clock.systemUTC(), dataFolder);
      return stores.sharedRecordsForTests();
    }

    @AfterEach
    void drop() {
      Database.dropAndClose(stores);
    }
  }

  @Nested
  class PostgresqlSessions extends Sessions {
    Database database() {
      return Database.POSTGRESQL;
    }
  }

  @Nested
  class PostgresqlRateLimits extends RateLimits {
    Database database() {
      return Database.POSTGRESQL;
    }
  }

  @Nested
  class MariadbSessions extends Sessions {
    Database database() {
      return Database.MARIADB;
    }
  }

  @Nested
  class MariadbRateLimits extends RateLimits {
    Database database() {
      return Database.MARIADB;
    }
  }

  @Nested
  class SqliteSessions extends Sessions {
    Database database() {
      return Database.SQLITE;
    }
  }

  @Nested
  class SqliteRateLimits extends RateLimits {
    Database database() {
      return Database.SQLITE;
    }
  }

  @Nested
  class PostgresqlSharedRecords extends SharedRecords {
    Database database() {
      return Database.POSTGRESQL;
    }
  }

  @Nested
  class MariadbSharedRecords extends SharedRecords {
    Database database() {
      return Database.MARIADB;
    }
  }

  @Nested
  class SqliteSharedRecords extends SharedRecords {
    Database database() {
      return Database.SQLITE;
    }
  }
}
