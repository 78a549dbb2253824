package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.session.SessionStoreContract;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisStores#builder(RedisClient)}: the stores on a Lettuce client the application owns
 * (Spring Data Redis's), the full session contract on it, and the client left usable on close.
 */
class ApplicationClientTest extends SessionStoreContract {
  private RedisClient client;
  private RedisStores redis;

  @Override
  protected SessionStore newStore(MutableClock clock) {
    LocalRedis.require();
    client = RedisClient.create(LocalRedis.URI);
    redis =
        RedisStores.builder(client)
            .keyPrefix(LocalRedis.freshPrefix())
            .sessionClock(clock)
            .decisionTime(RedisStores.DecisionTime.CALLER)
            .build();
    return redis.sessions();
  }

  @AfterEach
  void close() {
    redis.close();
    client.shutdown();
  }

  @Test
  void close_leavesTheApplicationsClientUsable() {
    redis.close();
    try (var c = client.connect()) {
      assertThat(c.sync().ping()).isEqualTo("PONG");
    }
  }
}
