package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rolling deploy: instances of the previous release (its script, {@code ratelimit-previous.lua},
 * taking decimal arguments) and of this one share keys. For the same command on the same stored
 * states, this release's script must answer and write exactly what the previous one does, or the
 * two would read each other's keys differently. Random commands over edge values: saturated times,
 * huge costs, dry runs, several rules, unknown formats.
 */
class PreviousScriptParityTest {
  private static final long NOW = 1_796_300_000_000_000L;
  private static final LuaScript SCRIPT = LuaScript.load("ratelimit.lua");
  private static final long TIMEOUT = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
  private static final long SHORT_TTL_MILLIS = 50;
  private static final long[] EDGES = {1, 2, 59, 60, 1000, 1_000_000, 1L << 53, 1L << 62};

  @Test
  void sameCommandOnSameStates_writesWhatThePreviousReleaseWrites() throws IOException {
    String previous = script("ratelimit-previous.lua");
    String current = new String(SCRIPT.sourceBytes(), StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(18);
    try (RedisStores stores =
        LocalRedis.open(RedisStores.DecisionTime.CALLER, java.time.Clock.systemUTC())) {
      RedisClusterCommands<String, String> redis = stores.connectionForTests().commands();
      RedisRateLimitStore store = stores.rateLimits();
      var async = stores.connectionForTests().async();
      for (int c = 0; c < 1000; c++) {
        int n = 1 + random.nextInt(3);
        List<String> keys = new ArrayList<>();
        List<LimitRule> rules = new ArrayList<>();
        long[] points = new long[n];
        String[] states = new String[n];
        for (int i = 0; i < n; i++) {
          keys.add("case" + c + ":" + i);
          rules.add(
              LimitRule.of(
                  "r" + i,
                  random.nextBoolean() ? LimitRule.Kind.TOKEN_BUCKET : LimitRule.Kind.FIXED_WINDOW,
                  number(random),
                  number(random),
                  pick(random, 0, 0, 1_000_000, Long.MAX_VALUE),
                  random.nextInt(4) == 0));
          points[i] = pick(random, 0, 1, 1, 3, 1L << 40);
          states[i] = state(random);
        }
        RateLimitCommand.Operation[] ops = RateLimitCommand.Operation.values();
        RateLimitCommand.Operation op =
            random.nextBoolean()
                ? RateLimitCommand.Operation.CONSUME
                : ops[random.nextInt(ops.length)];
        long now = NOW + random.nextLong(100_000_000);
        long block = pick(random, 0, 1_000_000, Long.MAX_VALUE);
        RateLimitCommand command = RateLimitCommand.of(keys, rules, op, points, now, block);

        String[] ours = new String[n];
        String[] theirs = new String[n];
        String[] decimal = new String[n];
        List<String> args =
            new ArrayList<>(List.of(op.name(), Long.toString(now), Long.toString(block)));
        for (int i = 0; i < n; i++) {
          ours[i] = store.redisKey(keys.get(i));
          theirs[i] = store.redisKey("previous:" + keys.get(i));
          decimal[i] = store.redisKey("decimal:" + keys.get(i));
          set(redis, ours[i], states[i]);
          set(redis, theirs[i], states[i]);
          set(redis, decimal[i], states[i]);
          LimitRule r = rules.get(i);
          args.addAll(
              List.of(
                  r.kind() == LimitRule.Kind.TOKEN_BUCKET ? "0" : "1",
                  Long.toString(r.limit()),
                  Long.toString(r.periodMicros()),
                  Long.toString(r.blockMicros()),
                  r.dryRun() ? "1" : "0",
                  Long.toString(points[i])));
        }
        ScriptReply reply = ScriptCall.of(command, bytes(ours), false).run(SCRIPT, async, TIMEOUT);
        List<Object> expected =
            redis.eval(previous, ScriptOutputType.MULTI, theirs, args.toArray(String[]::new));
        List<Object> actual = new ArrayList<>(List.of(reply.time()));
        for (int i = 0; i < 2 * n; i++) {
          actual.add(reply.text(i));
        }
        // The decimal form of this script (what redis-benchmark can send) decides the same.
        List<Object> asDecimal =
            redis.eval(current, ScriptOutputType.MULTI, decimal, args.toArray(String[]::new));
        String what = "case " + c + ": " + op + " on " + java.util.Arrays.asList(states);
        assertThat(actual).as(what).isEqualTo(expected);
        assertThat(asDecimal).as(what + ", decimal arguments").isEqualTo(expected);
        for (int i = 0; i < n; i++) {
          assertSameStored(redis, ours[i], theirs[i], what);
          assertSameStored(redis, decimal[i], theirs[i], what + ", decimal arguments");
        }
      }
    }
  }

  /** The same text stored, or one side's key already gone at the end of a very short TTL. */
  private static void assertSameStored(
      RedisClusterCommands<String, String> redis, String ours, String theirs, String what) {
    String a = redis.get(ours);
    String b = redis.get(theirs);
    if (a == null && b != null || a != null && b == null) {
      long left = redis.pttl(a == null ? theirs : ours);
      assertThat(left).as(what + ": written by one release only").isLessThan(SHORT_TTL_MILLIS);
    } else {
      assertThat(a).as(what).isEqualTo(b);
    }
  }

  private static byte[][] bytes(String[] keys) {
    byte[][] out = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      out[i] = keys[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static void set(RedisClusterCommands<String, String> redis, String key, String state) {
    if (state == null) {
      redis.del(key);
    } else {
      redis.psetex(key, 1_000_000_000L, state);
    }
  }

  private static long number(SplittableRandom random) {
    return random.nextInt(3) == 0
        ? EDGES[random.nextInt(EDGES.length)]
        : 1 + random.nextLong(10_000_000);
  }

  private static long pick(SplittableRandom random, long... values) {
    return values[random.nextInt(values.length)];
  }

  /** Absent, another format, or version 1 with times around now, saturated or far off. */
  private static String state(SplittableRandom random) {
    int kind = random.nextInt(20);
    if (kind < 6) {
      return null;
    }
    if (kind == 6) {
      return pick(random, 0, 1, 2, 3) == 0 ? "garbage" : "2:1:2:3";
    }
    long a = kind < 16 ? NOW + random.nextLong(-100_000_000, 100_000_000) : number(random);
    long blocked =
        pick(random, 0, 0, NOW + random.nextLong(-10_000_000, 1_000_000_000), Long.MAX_VALUE);
    return "1:"
        + a
        + ":"
        + random.nextInt(20)
        + ":"
        + (blocked == Long.MAX_VALUE ? "9223372036854775808" : blocked);
  }

  private static String script(String name) throws IOException {
    try (InputStream in = PreviousScriptParityTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
