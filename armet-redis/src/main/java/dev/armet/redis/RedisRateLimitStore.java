package dev.armet.redis;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limit state in Redis: every decision (consume, penalty, reward, block, get, delete) is one
 * atomic Lua script call (EVALSHA; the script is re-sent on NOSCRIPT), one round trip, computing
 * with Redis's own clock ({@code TIME}) so the clocks of the instances do not matter. A key known
 * to be blocked is refused from an in-process cache without asking Redis.
 *
 * <p>Keys are {@code prefix + "{" + prefix + "rl}" + policy + ":" + subject}: one hash tag for
 * all rate-limit keys, so every decision, whatever subjects it combines, is atomic on one
 * Cluster slot. The trade: in Cluster, rate limits load one primary (sessions spread over all);
 * one Redis primary runs tens of thousands of decisions a second. A failure
 * (timeout, lost connection) throws {@link RateLimitStoreException} within the command timeout,
 * and the limiter follows its {@code StoreFailurePolicy}.
 *
 * <pre>{@code
 * RedisStores redis = RedisStores.open("redis://:secret@cache:6379/0");
 * RateLimiter limiter = RateLimiter.builder(policy).store(redis.rateLimits()).build();
 * }</pre>
 */
public final class RedisRateLimitStore implements RateLimitStore {
  private static final System.Logger LOG = System.getLogger("armet.redis");
  private static final LuaScript SCRIPT = LuaScript.load("ratelimit.lua");

  private final RedisClusterCommands<String, String> redis;
  private final boolean serverTime;
  private final BlockedKeys blocked;
  private final String tag;
  private final AtomicLong divergences = new AtomicLong();
  private volatile long offsetMicros;

  RedisRateLimitStore(RedisClusterCommands<String, String> redis, String prefix, boolean serverTime,
      int blockedKeysCache) {
    this.tag = prefix + "{" + prefix + "rl}";
    this.redis = redis;
    this.serverTime = serverTime;
    this.blocked = new BlockedKeys(blockedKeysCache);
  }

  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command) {
    RateLimitCommand.Result cached = blocked.answer(command, command.nowMicros() + offsetMicros);
    if (cached != null) {
      return cached;
    }
    if (command.operation() != RateLimitCommand.Operation.CONSUME
        && command.operation() != RateLimitCommand.Operation.GET) {
      blocked.forget(command.keys());
    }
    String[] keys = redisKeys(command.keys());
    return resultOf(command, run(ScriptCall.of(command, keys, serverTime)));
  }

  private List<Object> run(ScriptCall call) {
    List<Object> reply;
    try {
      reply = SCRIPT.run(redis, ScriptOutputType.MULTI, call.keys, call.args);
    } catch (RedisException e) {
      throw new RateLimitStoreException("Redis rate-limit decision failed: " + e.getMessage(), e);
    }
    if (reply == null || reply.size() != 1 + 2 * call.keys.length) {
      throw new RateLimitStoreException("unexpected reply from the rate-limit script: " + reply);
    }
    return reply;
  }

  private RateLimitCommand.Result resultOf(RateLimitCommand command, List<Object> reply) {
    int n = command.keys().size();
    long now = Long.parseLong((String) reply.get(0));
    offsetMicros = now - command.nowMicros();
    LimitState[] previous = new LimitState[n];
    for (int i = 0; i < n; i++) {
      previous[i] = ScriptState.parse((String) reply.get(1 + i));
    }
    // The script wrote; Java recomputes the statuses from the same inputs and checks it agrees.
    RateLimitCommand.Result result = command.atMicros(now).apply(previous);
    for (int i = 0; i < n; i++) {
      if (result.mustWrite(i) && !sameState(result.state(i), (String) reply.get(1 + n + i))) {
        divergences.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING,
            "rate-limit script and core disagree on key {0}: script wrote {1}",
            command.keys().get(i), reply.get(1 + n + i));
      }
    }
    blocked.learn(command.keys(), result, now);
    return result;
  }

  private static boolean sameState(LimitState java, String script) {
    LimitState s = ScriptState.parse(script);
    return java == null ? s == null : s != null && Arrays.equals(java.encode(), s.encode());
  }

  private String[] redisKeys(List<String> keys) {
    String[] out = new String[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = redisKey(keys.get(i));
    }
    return out;
  }

  /**
   * {@code policy:subject} becomes {@code prefix + "{" + prefix + "rl}" + policy:subject}: one hash
   * tag for every rate-limit key, so any decision, whatever subjects it combines (LoginThrottle
   * counts a user|address pair and the address together, and hashes unusual usernames), is on
   * one Cluster slot and stays atomic.
   */
  String redisKey(String storeKey) {
    return tag + storeKey;
  }

  /** Decisions where the script and core computed different states (a bug if ever non-zero). */
  public long divergences() {
    return divergences.get();
  }

  /** Keys held in the in-process cache of blocked keys. */
  public int cachedBlockedKeys() {
    return blocked.size();
  }
}
