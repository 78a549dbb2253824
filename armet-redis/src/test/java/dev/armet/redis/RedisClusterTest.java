package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.ratelimit.RateLimitStore;
import dev.armet.ratelimit.RateLimitStoreContract;
import dev.armet.session.SessionStore;
import dev.armet.session.SessionStoreContract;
import dev.armet.testing.MutableClock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** Both contract suites again, on a real three-node Redis Cluster started by the test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterTest {
  private OwnRedisCluster cluster;
  private final List<RedisStores> opened = new ArrayList<>();

  @BeforeAll
  void startCluster() throws Exception {
    cluster = new OwnRedisCluster();
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  RedisStores open(Clock sessionClock) {
    RedisStores s = RedisStores.open(cluster.uri(), b -> b.keyPrefix(LocalRedis.freshPrefix())
        .decisionTime(RedisStores.DecisionTime.CALLER).sessionClock(sessionClock));
    opened.add(s);
    return s;
  }

  @AfterEach
  void close() {
    for (RedisStores s : opened) {
      assertThat(s.rateLimits().divergences()).isZero();
      s.close();
    }
    opened.clear();
  }

  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected SessionStore newStore(MutableClock clock) {
      return open(clock).sessions();
    }
  }

  @Nested
  class RateLimits extends RateLimitStoreContract {
    @Override
    protected RateLimitStore newStore() {
      return open(Clock.systemUTC()).rateLimits();
    }
  }
}
