package dev.armet.jdbc;

import dev.armet.servlet.testing.SessionRaceContract;
import dev.armet.spi.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP logout race on each database. */
class SessionRaceTest {
  @TempDir static Path dataFolder;

  abstract static class Race extends SessionRaceContract {
    private JdbcStores stores;

    abstract Database database();

    @Override
    protected SessionStore openStore() {
      stores = database().open(Clock.systemUTC(), dataFolder);
      return stores.sessions();
    }

    @Override
    protected void closeStore() {
      Database.dropAndClose(stores);
    }
  }

  @Nested
  class Postgresql extends Race {
    Database database() {
      return Database.POSTGRESQL;
    }
  }

  @Nested
  class Mariadb extends Race {
    Database database() {
      return Database.MARIADB;
    }
  }

  @Nested
  class Sqlite extends Race {
    Database database() {
      return Database.SQLITE;
    }
  }
}
