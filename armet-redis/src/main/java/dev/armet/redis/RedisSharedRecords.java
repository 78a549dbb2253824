package dev.armet.redis;

import dev.armet.spi.SharedRecordStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Shared records and leases in Redis: a lease is a hash ({@code h} holder, {@code t} token) with a
 * {@code PEXPIRE}, so Redis's clock decides expiry; its token comes from a counter that never
 * expires, so tokens only grow; a record is a hash ({@code v} the value in base64, {@code t} the
 * fencing token of its write). Every key carries the hash tag {@code {shared}}, so the fenced
 * write's two keys share one Cluster slot. Each call is one script, one round trip.
 */
final class RedisSharedRecords implements SharedRecordStore {
  private static final LuaScript ACQUIRE = LuaScript.load("lease-acquire.lua");
  private static final LuaScript RELEASE = LuaScript.load("lease-release.lua");
  private static final LuaScript WRITE = LuaScript.load("record-write.lua");

  private final RedisClusterCommands<String, String> redis;
  private final String prefix;

  RedisSharedRecords(RedisClusterCommands<String, String> redis, String keyPrefix) {
    this.redis = redis;
    this.prefix = keyPrefix + "{shared}:";
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration ttl) {
    Objects.requireNonNull(holder, "holder");
    long millis = Math.max(1, ttl.toMillis());
    Long token =
        call(
            "lease acquire",
            () ->
                ACQUIRE.run(
                    redis,
                    ScriptOutputType.INTEGER,
                    new String[] {leaseKey(name), counterKey(name)},
                    holder,
                    Long.toString(millis)));
    return token == null || token == 0
        ? Optional.empty()
        : Optional.of(new Lease(name, holder, token));
  }

  @Override
  public void release(Lease lease) {
    call(
        "lease release",
        () ->
            RELEASE.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {leaseKey(lease.name())},
                lease.holder(),
                Long.toString(lease.token())));
  }

  @Override
  public Optional<SharedRecord> read(String key) {
    Map<String, String> h = call("record read", () -> redis.hgetall(recordKey(key)));
    if (h == null || h.get("v") == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SharedRecord(
              Base64.getDecoder().decode(h.get("v")), Long.parseLong(h.getOrDefault("t", "0"))));
    } catch (IllegalArgumentException e) {
      // Not written by this class: the caller treats it like any unreadable record.
      return Optional.of(new SharedRecord(new byte[0], 0));
    }
  }

  @Override
  public boolean write(String key, byte[] value, Lease fence) {
    String counter = fence == null ? recordKey(key) : counterKey(fence.name());
    Long written =
        call(
            "record write",
            () ->
                WRITE.run(
                    redis,
                    ScriptOutputType.INTEGER,
                    new String[] {recordKey(key), counter},
                    Base64.getEncoder().encodeToString(value),
                    fence == null ? "0" : Long.toString(fence.token())));
    return written != null && written == 1;
  }

  String leaseKey(String name) {
    return prefix + "lease:" + name;
  }

  private String counterKey(String name) {
    return prefix + "lease-token:" + name;
  }

  String recordKey(String key) {
    return prefix + "record:" + key;
  }

  private static <T> T call(String operation, java.util.function.Supplier<T> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      throw new RedisStoreException(operation, e);
    }
  }
}
