package dev.armet.redis;

import dev.armet.ratelimit.LimitState;
import dev.armet.ratelimit.RateLimitCommand;
import dev.armet.ratelimit.RateLimitStore;
import dev.armet.ratelimit.RateLimitStoreException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rate-limit state in Redis: every decision (consume, penalty, reward, block, get, delete) is one
 * atomic Lua script call (EVALSHA; the script is re-sent on NOSCRIPT), one round trip, computing
 * with Redis's own clock ({@code TIME}) so the clocks of the instances do not matter. A key known
 * to be blocked is refused from an in-process cache without asking Redis.
 *
 * <p>Keys are {@code prefix + "rl:{" + subject + "}" + policy + ":" + subject}: the hash tag is
 * the limited subject (for {@code a|b}, its last part), so combined limits on one subject stay
 * on one Cluster slot. In Cluster, a decision over several slots runs key by key when the
 * operation allows it (all but consume); a consume over several slots is refused. A failure
 * (timeout, lost connection) throws {@link RateLimitStoreException} within the command timeout,
 * and the limiter follows its {@code StoreFailurePolicy}.
 *
 * <pre>{@code
 * RedisStores redis = RedisStores.open("redis://:secret@cache:6379/0");
 * RateLimiter limiter = RateLimiter.builder(policy).store(redis.rateLimits()).build();
 * }</pre>
 */
public final class RedisRateLimitStore implements RateLimitStore {
  private static final Logger LOG = Logger.getLogger(RedisRateLimitStore.class.getName());
  private static final LuaScript SCRIPT = LuaScript.load("ratelimit.lua");

  private final RedisClusterCommands<String, String> redis;
  private final String prefix;
  private final boolean serverTime;
  private final BlockedKeys blocked;
  private final boolean cluster;
  private final AtomicLong divergences = new AtomicLong();
  private volatile long offsetMicros;

  RedisRateLimitStore(RedisClusterCommands<String, String> redis, String prefix, boolean serverTime,
      int blockedKeysCache, boolean cluster) {
    this.cluster = cluster;
    this.redis = redis;
    this.prefix = prefix;
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
    if (cluster && !oneSlot(keys)) {
      return acrossSlots(command, keys);
    }
    return resultOf(command, run(ScriptCall.of(command, keys, ScriptCall.all(keys.length), serverTime)));
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

  /**
   * Cluster, keys on different slots (e.g. LoginThrottle's pair key hashed for a non-ASCII
   * username): one script call per key. Exact for every operation but CONSUME, whose keys do not
   * depend on each other; an all-or-nothing CONSUME cannot be split and is refused.
   */
  private RateLimitCommand.Result acrossSlots(RateLimitCommand command, String[] keys) {
    if (command.operation() == RateLimitCommand.Operation.CONSUME) {
      throw new RateLimitStoreException("a combined limit over keys on different Redis Cluster slots"
          + " cannot be decided atomically; limit one subject per decision (it is the hash tag)");
    }
    LimitState[] previous = new LimitState[keys.length];
    long now = Long.MIN_VALUE;
    for (int i = 0; i < keys.length; i++) {
      List<Object> reply = run(ScriptCall.of(command, keys, new int[] {i}, serverTime));
      now = Math.max(now, Long.parseLong((String) reply.get(0)));
      previous[i] = ScriptState.parse((String) reply.get(1));
    }
    offsetMicros = now - command.nowMicros();
    RateLimitCommand.Result result = command.atMicros(now).apply(previous);
    blocked.learn(command.keys(), result, now);
    return result;
  }

  private static boolean oneSlot(String[] keys) {
    int slot = SlotHash.getSlot(keys[0]);
    for (int i = 1; i < keys.length; i++) {
      if (SlotHash.getSlot(keys[i]) != slot) {
        return false;
      }
    }
    return true;
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
        LOG.log(Level.WARNING, "rate-limit script and core disagree on key {0}: script wrote {1}",
            new Object[] {command.keys().get(i), reply.get(1 + n + i)});
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
   * {@code policy:subject} becomes {@code prefix rl:{tag}policy:subject}. The tag is the subject,
   * or for a compound subject {@code a|b} its last part, so that LoginThrottle's
   * (user|address, address) pair lands on one Cluster slot.
   */
  String redisKey(String storeKey) {
    int colon = storeKey.indexOf(':');
    String subject = storeKey.substring(colon + 1);
    String tag = subject.substring(subject.lastIndexOf('|') + 1);
    return prefix + "rl:{" + tag + "}" + storeKey;
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
