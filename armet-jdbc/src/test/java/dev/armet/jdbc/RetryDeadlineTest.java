package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 10 item 27: three attempts, each with the full timeout, made one request wait three
 * timeouts. A real PostgreSQL driver connects to a loopback port nobody listens on (refused:
 * SQLState 08001, retryable); the deadline runs on a clock the test moves, so the test counts
 * attempts instead of timing them.
 */
class RetryDeadlineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void execute_eachAttemptTakesTheWholeTimeout_triesOnceAndFailsWithinIt() throws Exception {
    CountingDataSource db = new CountingDataSource(refusingPostgresql());
    AtomicLong now = new AtomicLong();
    // Every reading of the clock finds one more timeout gone: the first attempt used it all.
    JdbcRateLimitStore store =
        new JdbcRateLimitStore(
            db,
            new Sql(SqlDialect.POSTGRESQL, "armet_"),
            TIMEOUT,
            () -> now.getAndAdd(TIMEOUT.toNanos()));
    assertThatThrownBy(() -> store.execute(command()))
        .isInstanceOf(RateLimitStoreException.class)
        .hasMessageContaining("after 1 attempt within the 2000 ms timeout")
        .hasMessageContaining("SQLState 08001");
    assertThat(db.connections).hasValue(1);
  }

  @Test
  void execute_quickFailures_stillRetriedWithinTheDeadline() throws Exception {
    CountingDataSource db = new CountingDataSource(refusingPostgresql());
    AtomicLong now = new AtomicLong();
    JdbcRateLimitStore store =
        new JdbcRateLimitStore(
            db,
            new Sql(SqlDialect.POSTGRESQL, "armet_"),
            TIMEOUT,
            () -> now.getAndAdd(TIMEOUT.toNanos() / 20));
    assertThatThrownBy(() -> store.execute(command())).hasMessageContaining("after 3 attempts");
    assertThat(db.connections).hasValue(3);
  }

  /** A command as a limiter makes it: the store sees exactly what it would in service. */
  private static RateLimitCommand command() {
    AtomicReference<RateLimitCommand> seen = new AtomicReference<>();
    RateLimitStore memory = InMemoryRateLimitStore.create();
    RateLimiter.builder(RateLimitPolicy.fixedWindow("deadline", 5, Duration.ofMinutes(1)))
        .store(
            c -> {
              seen.set(c);
              return memory.execute(c);
            })
        .build()
        .consume("k");
    return seen.get();
  }

  private static DataSource refusingPostgresql() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: connecting there is refused at once
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {"127.0.0.1"});
    pg.setPortNumbers(new int[] {port});
    pg.setDatabaseName("test");
    pg.setUser("postgres");
    pg.setConnectTimeout(1);
    return pg;
  }

  /** The real data source, counting the connections asked of it. */
  private static final class CountingDataSource implements DataSource {
    final AtomicInteger connections = new AtomicInteger();
    private final DataSource real;

    CountingDataSource(DataSource real) {
      this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
      connections.incrementAndGet();
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      connections.incrementAndGet();
      return real.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return real.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return real.isWrapperFor(iface);
    }
  }
}
