package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 18, goal 4: what one request's rate-limit decision costs the database, counted at the JDBC
 * boundary of the real store on each real database: statements executed, commits, and transactions
 * opened. The first one-key decision on a key is two autocommit statements (read, compare-and-set
 * write); the next ones from the same store one (the compare-and-set against the row it wrote); a
 * combined one keeps the locking transaction.
 */
class StatementsPerDecisionTest {
  @TempDir static Path dataFolder;

  private static final LimitRule RULE =
      LimitRule.of("all", LimitRule.Kind.TOKEN_BUCKET, 1000, 60_000, 0, false);
  private static final LimitRule OTHER =
      LimitRule.of("user", LimitRule.Kind.FIXED_WINDOW, 1000, 60_000_000, 0, false);

  @ParameterizedTest
  @EnumSource(Database.class)
  void oneKeyConsume_isTwoStatementsOnANewKeyThenOne(Database database) throws Exception {
    JdbcStores stores = database.open(Clock.systemUTC(), dataFolder);
    try {
      StatementCounter counting = new StatementCounter(stores.dataSourceForTests());
      JdbcRateLimitStore store =
          new JdbcRateLimitStore(
              counting.dataSource(),
              new Sql(stores.dialect(), stores.tablePrefix()),
              Duration.ofSeconds(5));
      long questions = serverQuestions(database, stores);
      assertThat(store.execute(consume(List.of("all:a"), List.of(RULE))).allowed()).isTrue();
      assertThat(counting.executed.get()).isEqualTo(2); // a key this store never saw: read, write
      if (database == Database.MARIADB) {
        // The server's own count on the connection the store used (the pool hands a thread its
        // last connection back), plus the SHOW STATUS that reads it.
        assertThat(serverQuestions(database, stores) - questions).isEqualTo(2 + 1);
      }
      counting.reset();
      questions = serverQuestions(database, stores);
      for (int i = 0; i < 10; i++) {
        assertThat(store.execute(consume(List.of("all:a"), List.of(RULE))).allowed()).isTrue();
      }
      assertThat(counting.executed.get()).isEqualTo(10);
      assertThat(counting.commits.get()).isZero();
      assertThat(counting.transactions.get()).isZero();
      if (database == Database.MARIADB) {
        assertThat(serverQuestions(database, stores) - questions).isEqualTo(10 + 1);
      }

      counting.reset(); // a combined decision: the locking transaction, as before
      questions = serverQuestions(database, stores);
      store.execute(consume(List.of("all:a", "user:u"), List.of(RULE, OTHER)));
      if (database == Database.MARIADB) {
        // autocommit off, lock, read, one write per key, commit, autocommit back on; plus the
        // SHOW STATUS: what every decision cost before the compare-and-set (6 for one key)
        assertThat(serverQuestions(database, stores) - questions).isEqualTo(7 + 1);
      }
      assertThat(counting.commits.get()).isEqualTo(1);
      assertThat(counting.transactions.get()).isEqualTo(1);
      assertThat(counting.executed.get())
          .isEqualTo(database == Database.MARIADB ? 3 : 2); // lock(+read), (read), one batch
    } finally {
      Database.dropAndClose(stores);
    }
  }

  /** MariaDB's statement count for the pooled connection this thread gets; 0 elsewhere. */
  private static long serverQuestions(Database database, JdbcStores stores) throws Exception {
    if (database != Database.MARIADB) {
      return 0;
    }
    try (Connection c = stores.dataSourceForTests().getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      r.next();
      return r.getLong(2);
    }
  }

  private static RateLimitCommand consume(List<String> keys, List<LimitRule> rules) {
    long[] points = new long[keys.size()];
    java.util.Arrays.fill(points, 1);
    return RateLimitCommand.of(
        keys,
        rules,
        RateLimitCommand.Operation.CONSUME,
        points,
        System.currentTimeMillis() * 1000,
        0);
  }
}
