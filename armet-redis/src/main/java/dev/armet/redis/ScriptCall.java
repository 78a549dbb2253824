package dev.armet.redis;

import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KEYS and ARGV of one rate-limit script call: {@code op, now ('' for Redis TIME), blockMicros},
 * then six numbers per key (kind, limit, periodMicros, blockMicros, dryRun, points), as
 * ratelimit.lua reads them. KEYS holds one key per rule, then optionally a session hash the script
 * also reads (standalone only: one slot).
 */
final class ScriptCall {
  /** A rule's five numbers as text, made once per rule rather than once per decision. */
  private static final Map<LimitRule, String[]> RULE_ARGS = new ConcurrentHashMap<>();

  /** Rules are few (one per policy); a caller making rules on the fly must not grow this. */
  private static final int MAX_CACHED_RULES = 1024;

  final String[] keys;
  final String[] args;

  /** The number of rate-limit keys; {@code keys} may hold one more (the session). */
  final int rules;

  private ScriptCall(String[] keys, String[] args, int rules) {
    this.keys = keys;
    this.args = args;
    this.rules = rules;
  }

  static ScriptCall of(RateLimitCommand c, String[] redisKeys, boolean redisTime) {
    int n = c.keys().size();
    String[] a = new String[3 + 6 * n];
    a[0] = c.operation().name();
    a[1] = redisTime ? "" : Long.toString(c.nowMicros());
    a[2] = c.blockMicros() == 0 ? "0" : Long.toString(c.blockMicros());
    for (int i = 0; i < n; i++) {
      int b = 3 + 6 * i;
      System.arraycopy(ruleArgs(c.rules().get(i)), 0, a, b, 5);
      long points = c.points(i);
      a[b + 5] = points == 1 ? "1" : Long.toString(points);
    }
    return new ScriptCall(redisKeys, a, n);
  }

  private static String[] ruleArgs(LimitRule r) {
    String[] cached = RULE_ARGS.get(r);
    if (cached != null) {
      return cached;
    }
    String[] made = {
      r.kind() == LimitRule.Kind.TOKEN_BUCKET ? "0" : "1",
      Long.toString(r.limit()),
      Long.toString(r.periodMicros()),
      Long.toString(r.blockMicros()),
      r.dryRun() ? "1" : "0"
    };
    if (RULE_ARGS.size() < MAX_CACHED_RULES) {
      RULE_ARGS.put(r, made);
    }
    return made;
  }
}
