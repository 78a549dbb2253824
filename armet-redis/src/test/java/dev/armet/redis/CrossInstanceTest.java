package dev.armet.redis;

import dev.armet.servlet.testing.CrossInstanceContract;
import java.util.ArrayList;
import java.util.List;

/** Two Jetty instances on different ports sharing one Redis, as two servers behind a balancer. */
class CrossInstanceTest extends CrossInstanceContract {
  private final String prefix = LocalRedis.freshPrefix();
  private final List<RedisStores> opened = new ArrayList<>();

  @Override
  protected Stores openStores() {
    LocalRedis.require();
    // Each instance has its own connection, as separate processes would.
    RedisStores stores = RedisStores.open(LocalRedis.URI, s -> s.keyPrefix(prefix));
    opened.add(stores);
    return new Stores(stores.sessions(), stores.rateLimits());
  }

  @Override
  protected void closeStores() {
    opened.forEach(RedisStores::close);
  }
}
