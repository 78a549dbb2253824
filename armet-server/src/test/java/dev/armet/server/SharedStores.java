package dev.armet.server;

import dev.armet.jdbc.JdbcStores;
import dev.armet.redis.RedisStores;
import dev.armet.spi.Stores;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

/**
 * The shared stores on this machine (Redis, PostgreSQL), each opened on fresh keys or tables so
 * that runs never meet, and cleaned up on close. A missing service fails the test naming it.
 */
enum SharedStores {
  REDIS("redis://127.0.0.1:6379/0", 6379),
  POSTGRESQL("postgresql://postgres@127.0.0.1:5432/test", 5432);

  private final String uri;
  private final int port;

  SharedStores(String uri, int port) {
    this.uri = uri;
    this.port = port;
  }

  /** One store connection on {@code namespace}; open it twice for two instances. */
  Stores open(String namespace, Path dataFolder) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException e) {
      throw new AssertionError(
          name() + " is not running on 127.0.0.1:" + port + "; start it (or .ci/run)");
    }
    return this == REDIS
        ? RedisStores.open(uri, b -> b.keyPrefix("armet-test:" + namespace + ":"))
        : JdbcStores.open(
            uri, b -> b.tablePrefix(namespace + "_").dataFolder(dataFolder).poolSize(4));
  }

  static String freshNamespace() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /**
   * Drops the tables of a SQL store (Redis keys carry a fresh prefix and are left to the test
   * server).
   */
  static void drop(Stores stores) {
    if (stores instanceof JdbcStores jdbc) {
      try (Connection c = jdbc.dataSource().getConnection();
          Statement s = c.createStatement()) {
        for (String t :
            new String[] {"sessions", "limits", "records", "leases", "schema_version"}) {
          s.execute("DROP TABLE IF EXISTS " + jdbc.tablePrefix() + t);
        }
      } catch (java.sql.SQLException e) {
        throw new AssertionError("could not drop the test tables " + jdbc.tablePrefix() + "*", e);
      }
    }
  }
}
