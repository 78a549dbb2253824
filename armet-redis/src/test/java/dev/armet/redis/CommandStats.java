package dev.armet.redis;

import java.util.HashMap;
import java.util.Map;

/** Redis's own count of the commands it ran ({@code INFO commandstats}): round trips, measured. */
final class CommandStats {
  private final Map<String, Long> calls;

  private CommandStats(Map<String, Long> calls) {
    this.calls = calls;
  }

  static CommandStats of(RedisStores redis) {
    Map<String, Long> calls = new HashMap<>();
    for (String line :
        RedisSessionStoreTest.redisCommands(redis).info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring(8, line.indexOf(':'));
        String count = line.substring(line.indexOf("calls=") + 6);
        calls.put(name, Long.parseLong(count.substring(0, count.indexOf(','))));
      }
    }
    return new CommandStats(calls);
  }

  /** Commands run between {@code earlier} and this, zero counts left out. */
  Map<String, Long> minus(CommandStats earlier) {
    Map<String, Long> delta = new HashMap<>();
    calls.forEach(
        (name, n) -> {
          long d = n - earlier.calls.getOrDefault(name, 0L);
          if (d != 0) {
            delta.put(name, d);
          }
        });
    return delta;
  }
}
