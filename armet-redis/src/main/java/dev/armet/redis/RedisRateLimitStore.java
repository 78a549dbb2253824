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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

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
    ScriptCall call = ScriptCall.of(command, redisKeys(command.keys(), null), serverTime);
    return answer(command, call, run(call), null);
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
    RedisSessionLoad load = carried(alongside);
    if (load == null) {
      return execute(command);
    }
    RateLimitCommand.Result cached = answerLocally(command);
    if (cached != null) {
      return cached;
    }
    if (cluster) {
      load.send();
      load = null;
    }
    ScriptCall call =
        ScriptCall.of(
            command, redisKeys(command.keys(), load == null ? null : load.redisKey()), serverTime);
    return answer(command, call, run(call), load);
  }

  /**
   * As {@link #execute(RateLimitCommand, SessionLoad)}, without waiting: the script call is sent
   * and the returned future completes on Lettuce's event loop when the reply is read, or
   * exceptionally with a {@link RateLimitStoreException} on a failure or after the command timeout
   * (the command is then cancelled; {@link AsyncDecision}). A decision answered from the
   * blocked-key cache returns completed, and sends nothing.
   */
  @Override
  public CompletableFuture<RateLimitCommand.Result> executeAsync(
      RateLimitCommand command, @Nullable SessionLoad alongside) {
    RedisSessionLoad load = alongside == null ? null : carried(alongside);
    RateLimitCommand.Result cached = answerLocally(command);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    if (load != null && cluster) {
      load.send(); // pipelined just before the decision, as on the synchronous path
      load = null;
    }
    ScriptCall call =
        ScriptCall.of(
            command, redisKeys(command.keys(), load == null ? null : load.redisKey()), serverTime);
    return new AsyncDecision(this, command, call, load).send(SCRIPT, redis, timeoutNanos);
  }

  /** {@code alongside} when this store's script can carry it, else null. */
  private @Nullable RedisSessionLoad carried(SessionLoad alongside) {
    return alongside instanceof RedisSessionLoad
            && ((RedisSessionLoad) alongside).canRideOn(sessions)
        ? (RedisSessionLoad) alongside
        : null;
  }

  /** The script's reply, waited for at most the timeout. */
  private ScriptReply run(ScriptCall call) {
    try {
      return call.run(SCRIPT, redis, timeoutNanos);
    } catch (RedisException e) {
      throw failed(e);
    }
  }

  /** The store failure a Lettuce failure (a timeout, a lost connection) becomes. */
  static RateLimitStoreException failed(Throwable e) {
    return new RateLimitStoreException("Redis rate-limit decision failed: " + e.getMessage(), e);
  }

  /**
   * The decision read from {@code reply}, and the session fields the script read after it given to
   * {@code load} (when the call carried one).
   */
  RateLimitCommand.Result answer(
      RateLimitCommand command,
      ScriptCall call,
      @Nullable ScriptReply reply,
      @Nullable RedisSessionLoad load) {
    int extra = load == null ? 0 : SESSION_FIELDS;
    if (reply == null || reply.size() != 1 + 2 * call.rules + extra) {
      throw new RateLimitStoreException("unexpected reply from the rate-limit script: " + reply);
    }
    if (load != null) {
      int at = 2 * call.rules;
      load.answer(reply.text(at), reply.text(at + 1), reply.text(at + 2));
    }
    return resultOf(command, reply);
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
  private byte[][] redisKeys(List<String> keys, @Nullable String session) {
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
