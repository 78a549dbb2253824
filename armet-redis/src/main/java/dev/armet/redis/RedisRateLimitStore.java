package dev.armet.redis;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.spi.SessionLoad;
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
 * <p>Keys are {@code prefix + "{" + prefix + "rl}" + policy + ":" + subject}: one hash tag for all
 * rate-limit keys, so every decision, whatever subjects it combines, is atomic on one Cluster slot.
 * The trade: in Cluster, rate limits load one primary (sessions spread over all); one Redis primary
 * runs tens of thousands of decisions a second. A failure (timeout, lost connection) throws {@link
 * RateLimitStoreException} within the command timeout, and the limiter follows its {@code
 * StoreFailurePolicy}.
 *
 * <pre>{@code
 * RedisStores redis = RedisStores.open("redis://:secret@cache:6379/0");
 * RateLimiter limiter = RateLimiter.builder(policy).store(redis.rateLimits()).build();
 * }</pre>
 */
public final class RedisRateLimitStore implements RateLimitStore {
  private static final System.Logger LOG = System.getLogger("armet.redis");
  private static final LuaScript SCRIPT = LuaScript.load("ratelimit.lua");

  /** A session hash's fields the script returns after the decision: data, expiry, version. */
  private static final int SESSION_FIELDS = 3;

  private final RedisClusterCommands<String, String> redis;
  private final RedisSessionStore sessions;
  private final boolean cluster;
  private final boolean serverTime;
  private final BlockedKeys blocked;
  private final String tag;
  private final AtomicLong divergences = new AtomicLong();
  private volatile long offsetMicros;

  RedisRateLimitStore(
      RedisClusterCommands<String, String> redis,
      String prefix,
      boolean serverTime,
      int blockedKeysCache,
      RedisSessionStore sessions,
      boolean cluster) {
    this.tag = prefix + "{" + prefix + "rl}";
    this.redis = redis;
    this.sessions = sessions;
    this.cluster = cluster;
    this.serverTime = serverTime;
    this.blocked = new BlockedKeys(blockedKeysCache);
  }

  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command) {
    RateLimitCommand.Result cached = answerLocally(command);
    if (cached != null) {
      return cached;
    }
    String[] keys = redisKeys(command.keys(), null);
    return resultOf(command, run(ScriptCall.of(command, keys, serverTime), 0));
  }

  /**
   * The refusal of a key known blocked, without Redis; else null, after forgetting the cached
   * blocks of a command that may lift them.
   */
  private RateLimitCommand.Result answerLocally(RateLimitCommand command) {
    RateLimitCommand.Result cached = blocked.answer(command, command.nowMicros() + offsetMicros);
    if (cached == null
        && command.operation() != RateLimitCommand.Operation.CONSUME
        && command.operation() != RateLimitCommand.Operation.GET) {
      blocked.forget(command.keys());
    }
    return cached;
  }

  /**
   * The decision, carrying this request's session read when it is this store's own ({@link
   * RedisStores#sessions()}): standalone, the script reads the session hash too (one command, one
   * round trip); Cluster, where the session and the limits are on different slots and no script may
   * touch both, the read is sent first on the same connection without waiting, and the decision
   * follows it (pipelined: one round trip's wait). A decision answered from the blocked-key cache
   * leaves the read unsent. A failed decision leaves the read to be made on its own, so a store
   * failure fails the request exactly as two separate calls did.
   */
  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command, SessionLoad alongside) {
    if (!(alongside instanceof RedisSessionLoad)
        || !((RedisSessionLoad) alongside).canRideOn(sessions)) {
      return execute(command);
    }
    RedisSessionLoad load = (RedisSessionLoad) alongside;
    RateLimitCommand.Result cached = answerLocally(command);
    if (cached != null) {
      return cached;
    }
    if (cluster) {
      load.send();
      return resultOf(
          command, run(ScriptCall.of(command, redisKeys(command.keys(), null), serverTime), 0));
    }
    ScriptCall call =
        ScriptCall.of(command, redisKeys(command.keys(), load.redisKey()), serverTime);
    List<Object> reply = run(call, SESSION_FIELDS);
    int at = 1 + 2 * call.rules;
    load.answer((String) reply.get(at), (String) reply.get(at + 1), (String) reply.get(at + 2));
    return resultOf(command, reply);
  }

  /** {@code extra}: values the reply carries after the decision's (a session's three fields). */
  private List<Object> run(ScriptCall call, int extra) {
    List<Object> reply;
    try {
      reply = SCRIPT.run(redis, ScriptOutputType.MULTI, call.keys, call.args);
    } catch (RedisException e) {
      throw new RateLimitStoreException("Redis rate-limit decision failed: " + e.getMessage(), e);
    }
    if (reply == null || reply.size() != 1 + 2 * call.rules + extra) {
      throw new RateLimitStoreException("unexpected reply from the rate-limit script: " + reply);
    }
    return reply;
  }

  private RateLimitCommand.Result resultOf(RateLimitCommand command, List<Object> reply) {
    int n = command.keys().size();
    Object time = reply.get(0); // an integer reply; text from a script of an earlier release
    long now = time instanceof Long ? (Long) time : Long.parseLong((String) time);
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
        LOG.log(
            System.Logger.Level.WARNING,
            "rate-limit script and core disagree on key {0}: script wrote {1}",
            command.keys().get(i),
            reply.get(1 + n + i));
      }
    }
    blocked.learn(command.keys(), result, now);
    return result;
  }

  private static boolean sameState(LimitState java, String script) {
    LimitState s = ScriptState.parse(script);
    return java == null ? s == null : s != null && Arrays.equals(java.encode(), s.encode());
  }

  /** The rate-limit keys, then {@code session} if not null. */
  private String[] redisKeys(List<String> keys, String session) {
    int n = keys.size();
    String[] out = new String[session == null ? n : n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = redisKey(keys.get(i));
    }
    if (session != null) {
      out[n] = session;
    }
    return out;
  }

  /**
   * {@code policy:subject} becomes {@code prefix + "{" + prefix + "rl}" + policy:subject}: one hash
   * tag for every rate-limit key, so any decision, whatever subjects it combines (LoginThrottle
   * counts a user|address pair and the address together, and hashes unusual usernames), is on one
   * Cluster slot and stays atomic.
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
