package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.armet.session.SessionStoreContract;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcStores#builder(javax.sql.DataSource)}: the stores on a pool the application owns
 * (Spring Boot's HikariCP), the full session contract on it, and the pool left open on close.
 */
class ApplicationDataSourceTest extends SessionStoreContract {
  private HikariDataSource pool;
  private JdbcStores stores;

  static HikariDataSource postgres() {
    Database.POSTGRESQL.require();
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(4);
    return pool;
  }

  @Override
  protected SessionStore newStore(MutableClock clock) {
    pool = postgres();
    stores =
        JdbcStores.builder(pool)
            .tablePrefix(Database.freshPrefix())
            .clock(clock)
            .purgeInterval(Duration.ZERO)
            .build();
    return stores.sessions();
  }

  @AfterEach
  void drop() {
    Database.dropAndClose(stores);
    pool.close();
  }

  @Test
  void dialect_readFromTheConnection_andCloseLeavesTheApplicationsPoolOpen() throws Exception {
    assertThat(stores.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
    stores.close();
    assertThat(pool.isClosed()).isFalse();
    try (Connection c = pool.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void sqliteDataSource_getsTheSqliteDialect() {
    org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite::memory:");
    assertThat(JdbcStores.dialectOf(sqlite)).isEqualTo(SqlDialect.SQLITE);
  }
}
