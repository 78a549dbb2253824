package dev.armet.redis;

import dev.armet.servlet.testing.SessionRaceContract;
import dev.armet.spi.SessionStore;

/** The HTTP logout race on the local Redis. */
class SessionRaceTest extends SessionRaceContract {
  private RedisStores stores;

  @Override
  protected SessionStore openStore() {
    LocalRedis.require();
    stores = RedisStores.open(LocalRedis.URI, s -> s.keyPrefix(LocalRedis.freshPrefix()));
    return stores.sessions();
  }

  @Override
  protected void closeStore() {
    stores.close();
  }
}
