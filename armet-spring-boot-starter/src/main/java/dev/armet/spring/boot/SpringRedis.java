package dev.armet.spring.boot;

import dev.armet.redis.RedisStores;
import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Loaded only when Spring Data Redis is present: the application's Lettuce client, reused. */
final class SpringRedis {
  static final String FACTORY =
      "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

  private SpringRedis() {}

  /** Stores on the application's standalone Lettuce client, or null when there is none to reuse. */
  static ArmetStores reuse(ListableBeanFactory beans) {
    LettuceConnectionFactory factory =
        beans.getBeanProvider(LettuceConnectionFactory.class).getIfUnique();
    if (factory == null || !(factory.getNativeClient() instanceof RedisClient client)) {
      return null;
    }
    RedisStores redis =
        Refusals.build(
            "armet.store",
            "check that Redis is up (spring.data.redis.*)",
            () -> RedisStores.builder(client).build());
    return new ArmetStores(
        "redis (the application's Lettuce client)", redis.sessions(), redis.rateLimits(), redis);
  }
}
