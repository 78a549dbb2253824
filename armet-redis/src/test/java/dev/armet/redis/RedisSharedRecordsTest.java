package dev.armet.redis;

import dev.armet.spi.SharedRecordStore;
import dev.armet.spi.SharedRecordStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

class RedisSharedRecordsTest extends SharedRecordStoreContract {
  private RedisStores redis;

  @Override
  protected SharedRecordStore newStore() {
    redis = LocalRedis.open(RedisStores.DecisionTime.REDIS, Clock.systemUTC());
    return redis.sharedRecords().orElseThrow();
  }

  @AfterEach
  void close() {
    redis.close();
  }
}
