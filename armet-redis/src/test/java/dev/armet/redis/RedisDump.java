package dev.armet.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dump of Redis would show of a store's rate limits: every key under its prefix, and its
 * value.
 */
final class RedisDump {
  private RedisDump() {}

  static List<String> rateLimits(RedisStores redis) {
    RedisClusterCommands<String, String> commands = redis.connectionForTests().commands();
    List<String> text = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          commands.scan(
              cursor, ScanArgs.Builder.matches(redis.rateLimits().redisKey("") + "*").limit(1000));
      for (String key : page.getKeys()) {
        text.add(key);
        text.add(String.valueOf(commands.get(key)));
      }
      cursor = page;
    } while (!cursor.isFinished());
    return text;
  }
}
