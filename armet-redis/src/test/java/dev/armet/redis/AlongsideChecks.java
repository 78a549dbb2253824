package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spi.LimitRule;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.spi.StoreObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A session read carried by a rate-limit decision ({@link RedisRateLimitStore#execute(
 * RateLimitCommand, SessionLoad)}) answers exactly what {@code load} answers; run on standalone
 * Redis (inside the script) and on Cluster (pipelined).
 */
final class AlongsideChecks {
  private AlongsideChecks() {}

  static void carriedRead_answersWhatLoadAnswers(RedisStores redis) {
    SessionStore sessions = redis.sessions();
    Instant now = Instant.now();
    SessionRecord saved =
        new SessionRecord(
            "carried",
            "alice",
            now,
            now.plus(Duration.ofMinutes(5)),
            Map.of("cart", List.of(1, 2)));
    assertThat(sessions.save(saved, SessionStore.ABSENT)).isTrue();
    SessionLoad present = sessions.prepareLoad("carried");
    SessionLoad absent = sessions.prepareLoad("never-saved");
    assertThat(redis.rateLimits().execute(consume("alongside:a", 10), present).allowed()).isTrue();
    assertThat(redis.rateLimits().execute(consume("alongside:b", 10), absent).allowed()).isTrue();
    SessionRecord read = present.result().orElseThrow();
    SessionRecord loaded = sessions.load("carried").orElseThrow();
    assertThat(read.attributes()).isEqualTo(loaded.attributes()).isEqualTo(saved.attributes());
    assertThat(read.userId()).isEqualTo(loaded.userId());
    assertThat(read.version()).isEqualTo(loaded.version());
    assertThat(read.expiresAt()).isEqualTo(loaded.expiresAt());
    assertThat(absent.result()).isEmpty();
  }

  /** Refused from the blocked-key cache: nothing is sent, and the read then happens by itself. */
  static void cachedRefusal_leavesTheReadUnsent(RedisStores redis) {
    LimitRule blocking =
        LimitRule.of(
            "blocks",
            LimitRule.Kind.FIXED_WINDOW,
            1,
            Duration.ofMinutes(1).toNanos() / 1000,
            Duration.ofMinutes(10).toNanos() / 1000,
            false);
    RedisRateLimitStore limits = redis.rateLimits();
    limits.execute(command("blocks:x", blocking));
    assertThat(limits.execute(command("blocks:x", blocking)).allowed()).isFalse(); // now blocked
    Instant now = Instant.now();
    redis
        .sessions()
        .save(
            new SessionRecord("late", null, now, now.plus(Duration.ofMinutes(5)), Map.of("n", 1)),
            SessionStore.ABSENT);
    RedisSessionLoad load = (RedisSessionLoad) redis.sessions().prepareLoad("late");
    assertThat(limits.execute(command("blocks:x", blocking), load).allowed()).isFalse();
    assertThat(load.canRideOn(redis.sessions())).isTrue(); // still unsent
    assertThat(load.result().orElseThrow().attributes()).containsEntry("n", 1);
  }

  /**
   * Observed (metrics) stores keep the carried read on the decision's trip, and report every read
   * once: the carried one and one made on its own.
   */
  static void observedStores_carryTheRead_andReportEachLoadOnce(RedisStores redis) {
    List<String> reports = new CopyOnWriteArrayList<>();
    StoreObserver observer =
        (store, operation, outcome, nanos) -> reports.add(store + "/" + operation + "/" + outcome);
    SessionStore sessions = ObservedStores.sessions(redis.sessions(), observer);
    RateLimitStore limits = ObservedStores.rateLimits(redis.rateLimits(), observer);
    Instant now = Instant.now();
    redis
        .sessions()
        .save(
            new SessionRecord("observed", null, now, now.plus(Duration.ofMinutes(5)), Map.of()),
            SessionStore.ABSENT);
    SessionLoad carried = sessions.prepareLoad("observed");
    assertThat(limits.execute(consume("observed:a", 10), carried).allowed()).isTrue();
    redis.sessions().delete("observed"); // a read made only now would find nothing
    assertThat(carried.result()).isPresent(); // so it came with the decision
    assertThat(carried.result()).isPresent(); // taken twice, reported once
    assertThat(sessions.prepareLoad("never-saved").result()).isEmpty(); // a read on its own
    assertThat(reports)
        .containsExactly("rate_limits/consume/allowed", "sessions/load/hit", "sessions/load/miss");
  }

  private static RateLimitCommand consume(String key, long limit) {
    return command(
        key,
        LimitRule.of(
            key.substring(0, key.indexOf(':')),
            LimitRule.Kind.TOKEN_BUCKET,
            limit,
            1_000_000,
            0,
            false));
  }

  private static RateLimitCommand command(String key, LimitRule rule) {
    long nowMicros = System.currentTimeMillis() * 1000;
    return RateLimitCommand.of(
        List.of(key),
        List.of(rule),
        RateLimitCommand.Operation.CONSUME,
        new long[] {1},
        nowMicros,
        0);
  }
}
