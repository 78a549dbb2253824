package dev.armet.redis;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.spi.SessionLoad;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
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

  private final RedisClusterAsyncCommands<String, String> redis;
  private final long timeoutNanos;
  private final RedisSessionStore sessions;
  private final boolean cluster;
  private final boolean serverTime;
  private final BlockedKeys blocked;
  private final String tag;
  private final AtomicLong divergences = new AtomicLong();
  private volatile long offsetMicros;

  RedisRateLimitStore(
      RedisConnection connection,
      String prefix,
      boolean serverTime,
      int blockedKeysCache,
      RedisSessionStore sessions) {
    this.tag = prefix + "{" + prefix + "rl}";
    this.redis = connection.async();
    this.timeoutNanos = connection.timeout().toNanos();
    this.cluster = connection.cluster();
    this.sessions = sessions;
    this.serverTime = serverTime;
    this.blocked = new BlockedKeys(blockedKeysCache);
  }

  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command) {
    RateLimitCommand.Result cached = answerLocally(command);
    if (cached != null) {
      return cached;
    }
    byte[][] keys = redisKeys(command.keys(), null);
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
    ScriptReply reply = run(call, SESSION_FIELDS);
    int at = 2 * call.rules;
    load.answer(reply.text(at), reply.text(at + 1), reply.text(at + 2));
    return resultOf(command, reply);
  }

  /** {@code extra}: values the reply carries after the decision's (a session's three fields). */
  private ScriptReply run(ScriptCall call, int extra) {
    ScriptReply reply;
    try {
      reply = call.run(SCRIPT, redis, timeoutNanos);
    } catch (RedisException e) {
      throw new RateLimitStoreException("Redis rate-limit decision failed: " + e.getMessage(), e);
    }
    if (reply == null || reply.size() != 1 + 2 * call.rules + extra) {
      throw new RateLimitStoreException("unexpected reply from the rate-limit script: " + reply);
    }
    return reply;
  }

  private RateLimitCommand.Result resultOf(RateLimitCommand command, ScriptReply reply) {
    int n = command.keys().size();
    long now = reply.time();
    offsetMicros = now - command.nowMicros();
    LimitState[] previous = new LimitState[n];
    for (int i = 0; i < n; i++) {
      previous[i] = ScriptState.parse(reply.value(i));
    }
    // The script wrote; Java recomputes the statuses from the same inputs and checks it agrees.
    RateLimitCommand.Result result = command.atMicros(now).apply(previous);
    for (int i = 0; i < n; i++) {
      if (result.mustWrite(i) && !sameState(result.state(i), reply.value(n + i))) {
        divergences.incrementAndGet();
        LOG.log(
            System.Logger.Level.WARNING,
            "rate-limit script and core disagree on key {0}: script wrote {1}",
            command.keys().get(i),
            reply.text(n + i));
      }
    }
    blocked.learn(command.keys(), result, now);
    return result;
  }

  private static boolean sameState(LimitState java, byte[] script) {
    LimitState s = ScriptState.parse(script);
    return java == null
        ? s == null
        : s != null
            && java.a() == s.a()
            && java.b() == s.b()
            && java.blockedUntilMicros() == s.blockedUntilMicros();
  }

  /** The rate-limit keys, then {@code session} if not null, as the bytes Redis stores them as. */
  private byte[][] redisKeys(List<String> keys, String session) {
    int n = keys.size();
    byte[][] out = new byte[session == null ? n : n + 1][];
    for (int i = 0; i < n; i++) {
      out[i] = redisKey(keys.get(i)).getBytes(StandardCharsets.UTF_8);
    }
    if (session != null) {
      out[n] = session.getBytes(StandardCharsets.UTF_8);
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
