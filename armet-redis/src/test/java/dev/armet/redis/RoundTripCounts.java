package dev.armet.redis;

import java.util.HashMap;
import java.util.Map;

/**
 * What a Redis of a test's own processed: socket reads ({@code total_reads_processed}, one per
 * round trip, under {@code reads}) and calls per command ({@code INFO commandstats}, scripts' inner
 * calls included).
 */
final class RoundTripCounts {
  private RoundTripCounts() {}

  static Map<String, Long> of(RedisStores redis) {
    var commands = redis.connectionForTests().commands();
    Map<String, Long> out = new HashMap<>();
    for (String line : commands.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String count = line.substring(line.indexOf("calls=") + 6);
        out.put(
            line.substring(8, line.indexOf(':')),
            Long.parseLong(count.substring(0, count.indexOf(','))));
      }
    }
    for (String line : commands.info("stats").split("\r?\n")) {
      if (line.startsWith("total_reads_processed:")) {
        out.put("reads", Long.parseLong(line.substring(line.indexOf(':') + 1).trim()));
      }
    }
    return out;
  }

  /** The counts that changed from {@code before} to {@code after}. */
  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> delta = new HashMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - before.getOrDefault(k, 0L);
          if (d != 0) {
            delta.put(k, d);
          }
        });
    return delta;
  }
}
