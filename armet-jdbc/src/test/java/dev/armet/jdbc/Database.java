package dev.armet.jdbc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

/**
 * The databases on this machine. A missing server fails the test with a message naming it and how
 * to start it, never a silent skip (CI sets CI=true and fails the same way). Every store a test
 * opens gets its own table prefix, and its tables are dropped when it closes.
 */
enum Database {
  POSTGRESQL(
      "postgresql://postgres@127.0.0.1:5432/test",
      5432,
      "PostgreSQL",
      "`service postgresql start` (database `test`, trust auth for postgres)"),
  MARIADB(
      "mariadb://root@127.0.0.1:3306/test",
      3306,
      "MariaDB",
      "`service mariadb start` (database `test`, root without password)"),
  SQLITE("sqlite:armet-test.db", 0, "SQLite", "nothing: it is embedded");

  final String uri;
  private final int port;
  private final String name;
  private final String start;

  Database(String uri, int port, String name, String start) {
    this.uri = uri;
    this.port = port;
    this.name = name;
    this.start = start;
  }

  void require() {
    if (port == 0) {
      return;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException e) {
      throw new AssertionError(
          name
              + " is not running on 127.0.0.1:"
              + port
              + ("true".equals(System.getenv("CI")) ? " (CI: a missing service fails the run)" : "")
              + ". Start it with "
              + start
              + " or `.ci/run`, then run the tests again.");
    }
  }

  /**
   * A store on fresh tables (its prefix: {@link JdbcStores#tablePrefix()}), purging only when
   * asked.
   */
  JdbcStores open(Clock clock, Path dataFolder) {
    return open(freshPrefix(), clock, dataFolder);
  }

  JdbcStores open(String prefix, Clock clock, Path dataFolder) {
    require();
    return JdbcStores.open(
        uri,
        b ->
            b.tablePrefix(prefix)
                .clock(clock)
                .dataFolder(dataFolder)
                .purgeInterval(java.time.Duration.ZERO)
                .poolSize(8));
  }

  /** Table names no other run uses, so runs never see each other's rows. */
  static String freshPrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  static void dropAndClose(JdbcStores stores) {
    String prefix = stores.tablePrefix();
    try (Connection c = stores.dataSourceForTests().getConnection();
        Statement s = c.createStatement()) {
      for (String t : new String[] {"sessions", "limits", "records", "leases", "schema_version"}) {
        s.execute("DROP TABLE IF EXISTS " + prefix + t);
      }
    } catch (SQLException e) {
      throw new AssertionError("could not drop the test tables " + prefix + "*", e);
    } finally {
      stores.close();
    }
  }
}
