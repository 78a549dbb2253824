package dev.armet.redis;

import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One rate-limit script call: KEYS hold one key per rule, then optionally a session hash the script
 * also reads (standalone only: one slot); ARGV holds {@code op}, {@code now} (empty for Redis TIME,
 * else one big-endian double) and one string of big-endian doubles: blockMicros, then six per key
 * (kind, limit, periodMicros, blockMicros, dryRun, points), as ratelimit.lua reads them.
 *
 * <p>Numbers travel as doubles because Lua computes in doubles: {@code (double) long} rounds to
 * nearest as the script's {@code tonumber} of the decimal text did, so the script decides exactly
 * as before, without a strtod per number or a Lua string per argument (3 arguments instead of 3 + 6
 * per rule; together about an eighth of the script's cost on Redis, issue 18).
 *
 * <p>Sent as bytes: keys and values through Lettuce's byte-array codec, whose exact size lets it
 * write each argument straight into the command's buffer (the String codec encodes each into a
 * buffer of its own first, then copies it), and a rule's five numbers encoded once per rule.
 */
final class ScriptCall {
  /** A rule's five numbers as doubles, made once per rule rather than once per decision. */
  private static final Map<LimitRule, byte[]> RULE_ARGS = new ConcurrentHashMap<>();

  /** Bytes per rule in the numbers argument: five of the rule's, then the points. */
  private static final int RULE_BYTES = 6 * Double.BYTES;

  /** Rules are few (one per policy); a caller making rules on the fly must not grow this. */
  private static final int MAX_CACHED_RULES = 1024;

  private static final byte[] REDIS_TIME = {};
  private static final VarHandle DOUBLES =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
  private static final byte[][] OPERATIONS = operations();

  private final RateLimitCommand command;
  private final byte[][] keys;
  private final boolean redisTime;

  /** The number of rate-limit keys; the call may carry one more key (the session). */
  final int rules;

  private ScriptCall(RateLimitCommand command, byte[][] keys, boolean redisTime) {
    this.command = command;
    this.keys = keys;
    this.redisTime = redisTime;
    this.rules = command.keys().size();
  }

  static ScriptCall of(RateLimitCommand c, byte[][] redisKeys, boolean redisTime) {
    return new ScriptCall(c, redisKeys, redisTime);
  }

  /**
   * Runs {@code script} by digest (EVALSHA; once more in full with EVAL on NOSCRIPT) and waits for
   * its reply at most {@code timeoutNanos}: Lettuce's own per-command timer is off (see {@link
   * RedisConnection}), this wait is the bound. Throws Lettuce's {@code RedisException} on a failure
   * or the timeout (the command is then cancelled).
   */
  ScriptReply run(
      LuaScript script, RedisClusterAsyncCommands<String, String> redis, long timeoutNanos) {
    try {
      return await(send(script, redis, false), timeoutNanos);
    } catch (RedisNoScriptException e) {
      return await(send(script, redis, true), timeoutNanos);
    }
  }

  /**
   * Sends {@code script} by digest (EVALSHA), or {@code inFull} (EVAL, after a NOSCRIPT), without
   * waiting: the caller bounds the wait and cancels the command past it.
   */
  RedisFuture<ScriptReply> send(
      LuaScript script, RedisClusterAsyncCommands<String, String> redis, boolean inFull) {
    return inFull
        ? redis.dispatch(CommandType.EVAL, new ScriptReply(), args(script.sourceBytes()))
        : redis.dispatch(CommandType.EVALSHA, new ScriptReply(), args(script.shaBytes()));
  }

  private static ScriptReply await(RedisFuture<ScriptReply> reply, long timeoutNanos) {
    return LettuceFutures.awaitOrCancel(reply, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * EVALSHA's or EVAL's arguments: the script, numkeys, KEYS, ARGV. Made with the byte-array codec
   * and used as the connection's String-typed arguments: a command's arguments encode themselves
   * with their own codec, and Cluster routes by their first key, which this codec encodes too.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private CommandArgs<String, String> args(byte[] script) {
    CommandArgs<byte[], byte[]> a = new CommandArgs<>(ByteArrayCodec.INSTANCE);
    a.add(script).add(keys.length).addKeys(keys);
    a.add(OPERATIONS[command.operation().ordinal()]);
    a.add(redisTime ? REDIS_TIME : putDouble(new byte[Double.BYTES], 0, command.nowMicros()));
    return (CommandArgs) a.add(numbers());
  }

  /** blockMicros, then per rule its five numbers and the points: big-endian doubles. */
  private byte[] numbers() {
    byte[] out = new byte[Double.BYTES + rules * RULE_BYTES];
    putDouble(out, 0, command.blockMicros());
    for (int i = 0; i < rules; i++) {
      int at = Double.BYTES + i * RULE_BYTES;
      System.arraycopy(ruleArgs(command.rules().get(i)), 0, out, at, RULE_BYTES - Double.BYTES);
      putDouble(out, at + RULE_BYTES - Double.BYTES, command.points(i));
    }
    return out;
  }

  private static byte[] ruleArgs(LimitRule r) {
    byte[] cached = RULE_ARGS.get(r);
    if (cached != null) {
      return cached;
    }
    byte[] made = new byte[RULE_BYTES - Double.BYTES];
    putDouble(made, 0, r.kind() == LimitRule.Kind.TOKEN_BUCKET ? 0 : 1);
    putDouble(made, Double.BYTES, r.limit());
    putDouble(made, 2 * Double.BYTES, r.periodMicros());
    putDouble(made, 3 * Double.BYTES, r.blockMicros());
    putDouble(made, 4 * Double.BYTES, r.dryRun() ? 1 : 0);
    if (RULE_ARGS.size() < MAX_CACHED_RULES) {
      RULE_ARGS.put(r, made);
    }
    return made;
  }

  /**
   * Writes {@code value} at {@code at} as the big-endian double Lua reads with {@code
   * struct.unpack('>d')}; returns {@code out}.
   */
  static byte[] putDouble(byte[] out, int at, long value) {
    DOUBLES.set(out, at, (double) value);
    return out;
  }

  private static byte[][] operations() {
    RateLimitCommand.Operation[] all = RateLimitCommand.Operation.values();
    byte[][] names = new byte[all.length][];
    for (RateLimitCommand.Operation op : all) {
      names[op.ordinal()] = ascii(op.name());
    }
    return names;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
