package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must have. A store module extends this class (from
 * armet-core's test-jar) and says how to make an empty store on a given clock:
 *
 * <pre>{@code
 * class RedisSessionStoreTest extends SessionStoreContract {
 *   protected SessionStore newStore(MutableClock clock) { return new RedisSessionStore(redis, clock); }
 * }
 * }</pre>
 */
public abstract class SessionStoreContract {
  protected MutableClock clock;
  protected SessionStore store;

  /** An empty store whose notion of "now" is {@code clock}. */
  protected abstract SessionStore newStore(MutableClock clock);

  @BeforeEach
  void setUpStore() {
    clock = new MutableClock();
    store = newStore(clock);
  }

  protected SessionRecord record(String key, String user, Duration ttl, Map<String, ?> data) {
    Instant now = clock.instant();
    return new SessionRecord(key, user, now, now.plus(ttl), data);
  }

  @Test
  void load_unknownKey_isEmpty() {
    assertThat(store.load("missing")).isEmpty();
  }

  @Test
  void save_thenLoad_returnsDataAndExpiry() {
    SessionRecord r = record("k1", "alice", Duration.ofMinutes(30),
        Map.of("n", 1, "l", List.of("a", Map.of("b", true)), "big", Long.MAX_VALUE, "d", 1.5));
    store.save(r);
    SessionRecord back = store.load("k1").orElseThrow();
    assertThat(back.attributes()).isEqualTo(r.attributes());
    assertThat(back.userId()).contains("alice");
    assertThat(back.createdAt()).isEqualTo(r.createdAt());
    assertThat(back.expiresAt()).isEqualTo(r.expiresAt());
  }

  @Test
  void save_again_replaces() {
    store.save(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    store.save(record("k1", null, Duration.ofMinutes(30), Map.of("v", 2)));
    assertThat(store.load("k1").orElseThrow().attributes()).isEqualTo(Map.of("v", 2));
  }

  @Test
  void load_afterExpiry_isEmpty() {
    store.save(record("k1", null, Duration.ofMinutes(30), Map.of("v", 1)));
    clock.advance(Duration.ofMinutes(29));
    assertThat(store.load("k1")).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void touch_movesOnlyTheExpiry() {
    SessionRecord r = record("k1", null, Duration.ofMinutes(30), Map.of("v", 1));
    store.save(r);
    clock.advance(Duration.ofMinutes(20));
    Instant later = clock.instant().plus(Duration.ofMinutes(30));
    store.touch("k1", later);
    clock.advance(Duration.ofMinutes(20));
    SessionRecord back = store.load("k1").orElseThrow();
    assertThat(back.expiresAt()).isEqualTo(later);
    assertThat(back.attributes()).isEqualTo(Map.of("v", 1));
  }

  @Test
  void touch_unknownKey_createsNothing() {
    store.touch("ghost", clock.instant().plus(Duration.ofHours(1)));
    assertThat(store.load("ghost")).isEmpty();
  }

  @Test
  void delete_removes_andIsIdempotent() {
    store.save(record("k1", null, Duration.ofMinutes(30), Map.of()));
    store.delete("k1");
    store.delete("k1");
    assertThat(store.load("k1")).isEmpty();
  }

  @Test
  void deleteAllForUser_removesOnlyThatUsersSessions() {
    store.save(record("a1", "alice", Duration.ofMinutes(30), Map.of()));
    store.save(record("a2", "alice", Duration.ofMinutes(30), Map.of()));
    store.save(record("b1", "bob", Duration.ofMinutes(30), Map.of()));
    store.save(record("x1", null, Duration.ofMinutes(30), Map.of()));
    store.deleteAllForUser("alice");
    assertThat(store.load("a1")).isEmpty();
    assertThat(store.load("a2")).isEmpty();
    assertThat(store.load("b1")).isPresent();
    assertThat(store.load("x1")).isPresent();
  }

  @Test
  void concurrentSavesOfDifferentKeys_allLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            store.save(record("t" + thread + "-" + i, null, Duration.ofMinutes(5), Map.of("i", i)));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 50; i++) {
        assertThat(store.load("t" + t + "-" + i).orElseThrow().attributes()).containsEntry("i", i);
      }
    }
  }
}
