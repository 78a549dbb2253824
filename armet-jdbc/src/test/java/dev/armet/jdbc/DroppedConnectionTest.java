package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitDecision.Outcome;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.testing.Poll;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL drops the store's connections ({@code pg_terminate_backend}) in the middle of traffic.
 */
class DroppedConnectionTest {
  private static final int LIMIT = 300;
  @TempDir Path dataFolder;

  @Test
  void connectionsKilledMidTraffic_boundedWaits_noOverAdmission_recoversByItself()
      throws Exception {
    JdbcStores db = Database.POSTGRESQL.open(Clock.systemUTC(), dataFolder);
    try (Connection admin =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
      RateLimiter limiter =
          RateLimiter.builder(RateLimitPolicy.fixedWindow("drop", LIMIT, Duration.ofHours(1)))
              .store(db.rateLimits())
              .events(e -> {})
              .build();
      Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        outcomes.put(o, new AtomicLong());
      }
      AtomicLong slowest = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Thread thread =
            new Thread(
                () -> {
                  while (running.get()) {
                    long start = System.nanoTime();
                    RateLimitDecision d = limiter.consume("hot");
                    slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                    outcomes.get(d.outcome()).incrementAndGet();
                    LockSupport.parkNanos(1_000_000); // pacing: clients think between requests
                  }
                });
        thread.start();
        threads.add(thread);
      }
      int killed = 0;
      for (int round = 0; round < 6; round++) {
        long seen = total(outcomes);
        awaitMore(outcomes, seen + 40);
        killed += terminate(admin, db.tablePrefix());
      }
      awaitMore(outcomes, total(outcomes) + 100);
      running.set(false);
      for (Thread t : threads) {
        t.join(10_000);
        assertThat(t.isAlive()).as("a decision thread hangs").isFalse();
      }
      System.out.printf(
          "dropped connections: %d killed, outcomes %s, slowest %d ms%n",
          killed, outcomes, Duration.ofNanos(slowest.get()).toMillis());
      assertThat(killed).isGreaterThan(0);
      assertThat(outcomes.get(Outcome.ALLOWED).get()).isLessThanOrEqualTo(LIMIT);
      assertThat(Duration.ofNanos(slowest.get())).isLessThan(Duration.ofSeconds(5));
      assertThat(limiter.consume("hot").outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(limiter.consume("fresh").outcome()).isEqualTo(Outcome.ALLOWED);
      assertThat(db.sessions().load("any")).isEmpty();
    } finally {
      Database.dropAndClose(db);
    }
  }

  /** Kills every backend that last ran a statement on this test's tables. */
  private static int terminate(Connection admin, String prefix) throws Exception {
    try (PreparedStatement s =
        admin.prepareStatement(
            "SELECT count(pg_terminate_backend(pid)) FROM "
                + "pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE ?")) {
      s.setString(1, "%" + prefix + "%");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static long total(Map<Outcome, AtomicLong> outcomes) {
    return outcomes.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Polls, bounded: waits for traffic, never sleeps for it. */
  private static void awaitMore(Map<Outcome, AtomicLong> outcomes, long target) {
    Poll.until(
        Duration.ofSeconds(20),
        "traffic reaches " + target + " decisions",
        () -> total(outcomes) >= target);
  }
}
