package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The digests that name persisted things: scripts (Redis computes the same SHA-1 itself) and user
 * index keys (an instance of an earlier version must find the keys a newer one wrote).
 */
class HexDigestTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SHA-1   | abc   | a9993e364706816aba3e25717850c26c9cd0d89d",
        "SHA-1   | ''    | da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "SHA-1   | é€😀   | c18ebd62bacc0aac83670707d9204486ec605731",
        "SHA-256 | abc   | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA-256 | alice | 2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90",
        "SHA-256 | é€😀   | df9226927fd572c1ee66eec85de1bb139497614899f36e4e90474cb71f6ef9d0"
      })
  void of_knownVectors_lowerCaseHexOfTheUtf8Bytes(String algorithm, String text, String hex) {
    assertThat(HexDigest.of(algorithm, text)).isEqualTo(hex);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ratelimit.lua",
        "session-save.lua",
        "session-touch.lua",
        "session-delete-user.lua",
        "session-index.lua"
      })
  void scriptSha_isTheNameRedisGivesTheScript(String resource) throws IOException {
    String source;
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (RedisStores stores =
        LocalRedis.open(RedisStores.DecisionTime.CALLER, java.time.Clock.systemUTC())) {
      RedisClusterCommands<String, String> redis = stores.connectionForTests().commands();
      assertThat(LuaScript.load(resource).sha()).isEqualTo(redis.scriptLoad(source));
    }
  }
}
