package dev.armet.redis;

import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;

/**
 * KEYS and ARGV of one rate-limit script call:
 * {@code op, now ('' for Redis TIME), blockMicros}, then six numbers per key (kind, limit,
 * periodMicros, blockMicros, dryRun, points), as ratelimit.lua reads them.
 */
final class ScriptCall {
  final String[] keys;
  final String[] args;

  private ScriptCall(String[] keys, String[] args) {
    this.keys = keys;
    this.args = args;
  }

  static ScriptCall of(RateLimitCommand c, String[] redisKeys, boolean redisTime) {
    String[] a = new String[3 + 6 * redisKeys.length];
    a[0] = c.operation().name();
    a[1] = redisTime ? "" : Long.toString(c.nowMicros());
    a[2] = Long.toString(c.blockMicros());
    for (int i = 0; i < redisKeys.length; i++) {
      LimitRule r = c.rules().get(i);
      int b = 3 + 6 * i;
      a[b] = r.kind() == LimitRule.Kind.TOKEN_BUCKET ? "0" : "1";
      a[b + 1] = Long.toString(r.limit());
      a[b + 2] = Long.toString(r.periodMicros());
      a[b + 3] = Long.toString(r.blockMicros());
      a[b + 4] = r.dryRun() ? "1" : "0";
      a[b + 5] = Long.toString(c.points(i));
    }
    return new ScriptCall(redisKeys, a);
  }
}
