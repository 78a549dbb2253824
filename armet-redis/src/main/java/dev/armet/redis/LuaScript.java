package dev.armet.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Lua script run by digest: EVALSHA, one round trip; when Redis answers NOSCRIPT (restarted,
 * failed over, SCRIPT FLUSH) it is sent once in full with EVAL, which also caches it again.
 */
final class LuaScript {
  private final String source;
  private final String sha;
  private final byte[] sourceBytes;
  private final byte[] shaBytes;

  private LuaScript(String source) {
    this.source = source;
    this.sha = HexDigest.of("SHA-1", source);
    this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
    this.shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
  }

  static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource);
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  <T> T run(
      RedisClusterCommands<String, String> redis,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    try {
      return redis.evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(source, type, keys, args);
    }
  }

  String sha() {
    return sha;
  }

  /** The digest as EVALSHA sends it. Shared: never to be written to. */
  byte[] shaBytes() {
    return shaBytes;
  }

  /** The script as EVAL sends it. Shared: never to be written to. */
  byte[] sourceBytes() {
    return sourceBytes;
  }
}
