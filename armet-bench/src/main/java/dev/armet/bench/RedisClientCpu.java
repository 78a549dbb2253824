package dev.armet.bench;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * This JVM's CPU time and context switches per call of the rate-limit script (the same EVALSHA as a
 * request's decision, on 1,000 keys) from many threads at once, through Lettuce's one multiplexed
 * connection (the calling thread hands the command to the event loop and parks until the reply) and
 * through Jedis's pool of blocking connections (the calling thread writes and reads its own
 * socket). Rounds are interleaved; Redis's own CPU is not counted. Run:
 *
 * <pre>
 * java -cp armet-bench/target/benchmarks.jar dev.armet.bench.RedisClientCpu [threads] [seconds] [rounds]
 * </pre>
 *
 * <p>2026-12-03 13:07–13:14 UTC (2 shared cores, load average 4–7), medians of 3 rounds, µs of CPU
 * per call: 64 threads Lettuce 21.0, Jedis (pool of 64) 21.8; 16 threads 23.1 against 21.5; 8
 * threads 29.7 against 22.2. Every caller blocks once per call either way (about one voluntary
 * context switch per call: parked on the future, or asleep in the socket read); the handoff to
 * Lettuce's event loop adds at most a few µs, and Lettuce's one-thread I/O pool ({@code
 * lettuce-io1}) changes nothing. A Jedis pool smaller than the callers costs more (callers queue on
 * it: 2.2 voluntary switches per call).
 */
public final class RedisClientCpu {
  private RedisClientCpu() {}

  private interface Caller {
    void call(byte[] key) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String uri = System.getProperty("armet.bench.redis", "redis://127.0.0.1:6379/0");
    String prefix = "armet-bench-" + UUID.randomUUID() + ":";
    byte[] source;
    try (var in = dev.armet.redis.RedisStores.class.getResourceAsStream("ratelimit.lua")) {
      source = in.readAllBytes();
    }
    byte[] sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-1").digest(source))
            .getBytes(StandardCharsets.US_ASCII);
    String shaText = new String(sha, StandardCharsets.US_ASCII);
    byte[][] keys = new byte[1000][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (prefix + "{" + prefix + "rl}bench:k" + i).getBytes(StandardCharsets.UTF_8);
    }
    byte[][] argv = ascii("CONSUME", "", "0", "0", "1000000000", "60000000", "0", "0", "1");

    Map<String, Caller> callers = new LinkedHashMap<>();
    List<AutoCloseable> open = new ArrayList<>();
    RedisURI parsed = RedisURI.create(uri);
    for (String variant : List.of("lettuce", "lettuce-io1")) {
      ClientResources resources =
          variant.equals("lettuce-io1")
              ? ClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build()
              : ClientResources.create();
      RedisClient client = RedisClient.create(resources, parsed);
      client.setOptions(
          ClientOptions.builder()
              .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .build());
      StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE);
      c.sync().scriptLoad(source);
      var async = c.async();
      callers.put(
          variant,
          key ->
              LettuceFutures.awaitOrCancel(
                  async.<List<Object>>evalsha(
                      shaText, ScriptOutputType.MULTI, new byte[][] {key}, argv),
                  1,
                  TimeUnit.SECONDS));
      open.add(c);
      open.add(client::shutdown);
      open.add(resources::shutdown);
    }
    for (int size : new int[] {threads, 8}) {
      JedisPoolConfig config = new JedisPoolConfig();
      config.setMaxTotal(size);
      config.setMaxIdle(size);
      config.setMaxWait(Duration.ofSeconds(1));
      config.setJmxEnabled(false);
      JedisPool pool = new JedisPool(config, java.net.URI.create(uri), 1000);
      String name = "jedis-pool" + size;
      callers.put(
          name,
          key -> {
            try (Jedis j = pool.getResource()) {
              j.evalsha(sha, List.of(key), List.of(argv));
            }
          });
      open.add(pool);
    }

    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        "%d threads, %d s per variant, %d rounds, %s, epoll %s%n",
        threads, seconds, rounds, uri, io.lettuce.core.resource.EpollProvider.isAvailable());
    Map<String, List<double[]>> figures = new LinkedHashMap<>();
    for (int round = -1; round < rounds; round++) {
      for (Map.Entry<String, Caller> e : callers.entrySet()) {
        double[] f = load(e.getValue(), keys, threads, round < 0 ? 2 : seconds, os);
        double us = f[0];
        double vol = f[1];
        double invol = f[2];
        long n = (long) f[3];
        if (round >= 0) {
          figures
              .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
              .add(new double[] {us, vol, invol, n / (double) seconds});
          System.out.printf(
              "round %d %-12s %8.0f calls/s %7.2f us CPU/call %5.2f voluntary + %5.2f involuntary"
                  + " context switches/call%n",
              round, e.getKey(), n / (double) seconds, us, vol, invol);
        }
      }
    }
    for (var e : figures.entrySet()) {
      double[] us = e.getValue().stream().mapToDouble(f -> f[0]).sorted().toArray();
      double[] cs = e.getValue().stream().mapToDouble(f -> f[1] + f[2]).sorted().toArray();
      System.out.printf(
          "%-12s median %6.2f us CPU/call (min %6.2f max %6.2f), %5.2f context switches/call%n",
          e.getKey(), us[us.length / 2], us[0], us[us.length - 1], cs[cs.length / 2]);
    }
    try (Jedis j = new Jedis(java.net.URI.create(uri))) {
      for (byte[] key : keys) {
        j.del(key);
      }
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /**
   * Runs {@code caller} from {@code threads} threads; measures while all of them are running: CPU
   * µs, voluntary and involuntary context switches per call, and the calls made.
   */
  private static double[] load(
      Caller caller,
      byte[][] keys,
      int threads,
      int seconds,
      com.sun.management.OperatingSystemMXBean os)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder calls = new LongAdder();
    LongAdder failures = new LongAdder();
    CountDownLatch firstCalls = new CountDownLatch(threads);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int seed = t;
      Thread.ofPlatform()
          .start(
              () -> {
                int i = seed * 7919;
                boolean first = true;
                while (!stop.get()) {
                  try {
                    caller.call(keys[Math.floorMod(i++, keys.length)]);
                    calls.increment();
                  } catch (Exception ex) {
                    failures.increment();
                  }
                  if (first) {
                    first = false;
                    firstCalls.countDown();
                  }
                }
                done.countDown();
              });
    }
    firstCalls.await(); // every thread past its first call (connection made, script cached)
    long n0 = calls.sum();
    long cpu0 = os.getProcessCpuTime();
    long[] cs0 = contextSwitches();
    measureFor(seconds);
    long[] cs1 = contextSwitches();
    long cpu1 = os.getProcessCpuTime();
    long n = calls.sum() - n0;
    stop.set(true);
    done.await();
    if (failures.sum() > 0) {
      System.out.println("  failures: " + failures.sum());
    }
    return new double[] {
      (cpu1 - cpu0) / 1e3 / n, (cs1[0] - cs0[0]) / (double) n, (cs1[1] - cs0[1]) / (double) n, n
    };
  }

  /**
   * The measurement window: parks until {@code seconds} have passed (the callers run meanwhile).
   */
  private static void measureFor(int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
  }

  /** Voluntary and involuntary context switches of every live thread of this process. */
  private static long[] contextSwitches() throws java.io.IOException {
    long vol = 0;
    long invol = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              vol += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              invol += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // a thread that ended meanwhile
        }
      }
    }
    return new long[] {vol, invol};
  }

  private static byte[][] ascii(String... values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }
}
