package dev.armet.jdbc;

import dev.armet.servlet.testing.CrossInstanceContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Two Jetty instances on different ports sharing one PostgreSQL, each with its own pool. */
class CrossInstanceTest extends CrossInstanceContract {
  @TempDir Path dataFolder;
  private final String prefix = Database.freshPrefix();
  private final List<JdbcStores> opened = new ArrayList<>();

  @Override
  protected Stores openStores() {
    JdbcStores stores = Database.POSTGRESQL.open(prefix, Clock.systemUTC(), dataFolder);
    opened.add(stores);
    return new Stores(stores.sessions(), stores.rateLimits());
  }

  @Override
  protected void closeStores() {
    opened.get(1).close();
    Database.dropAndClose(opened.get(0));
  }
}
