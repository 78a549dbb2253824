package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store URIs against servers this test starts: an ACL user with a password, and Sentinel. */
class RedisUriTest {
  @Test
  void aclUserAndPassword_connect_andAWrongPasswordIsNeverEchoed() throws Exception {
    try (OwnRedisServer server =
        new OwnRedisServer(
            List.of(
                "--user",
                "default",
                "off",
                "--user",
                "armet",
                "on",
                ">s3cret-pw",
                "~*",
                "&*",
                "+@all"))) {
      server.start();
      try (RedisStores redis =
          RedisStores.open("redis://armet:s3cret-pw@127.0.0.1:" + server.port + "/2")) {
        RateLimiter limiter =
            RateLimiter.builder(RateLimitPolicy.fixedWindow("acl", 1, Duration.ofMinutes(1)))
                .store(redis.rateLimits())
                .build();
        assertThat(limiter.consume("k").isAllowed()).isTrue();
        assertThat(limiter.consume("k").isAllowed()).isFalse();
      }
      assertThatThrownBy(
              () -> RedisStores.open("redis://armet:wrong-pw@127.0.0.1:" + server.port + "/0"))
          .hasMessageContaining("redis://armet:****@127.0.0.1:" + server.port)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw"));
    }
  }

  @Test
  void sentinel_findsTheMaster() throws Exception {
    try (OwnRedisServer master = new OwnRedisServer()) {
      master.start();
      Path conf = Files.createTempFile("sentinel", ".conf");
      Files.writeString(conf, "sentinel monitor main 127.0.0.1 " + master.port + " 1\n");
      try (OwnRedisServer sentinel = new OwnRedisServer(List.of(conf.toString(), "--sentinel"))) {
        sentinel.start();
        try (RedisStores redis =
            RedisStores.open("redis-sentinel://127.0.0.1:" + sentinel.port + "/0#main")) {
          RateLimiter limiter =
              RateLimiter.builder(RateLimitPolicy.fixedWindow("sentinel", 1, Duration.ofMinutes(1)))
                  .store(redis.rateLimits())
                  .build();
          assertThat(limiter.consume("k").isAllowed()).isTrue();
          assertThat(limiter.consume("k").isAllowed()).isFalse();
        }
      }
    }
  }

  @Test
  void rediss_talksTls_andVerifiesThePeerByDefault() throws Exception {
    Path dir = Files.createTempDirectory("armet-redis-tls");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    openssl.getInputStream().readAllBytes();
    assertThat(openssl.waitFor()).as("openssl made a certificate").isZero();
    try (OwnRedisServer server =
        new OwnRedisServer(
            port ->
                List.of(
                    "--port",
                    "0",
                    "--tls-port",
                    Integer.toString(port),
                    "--tls-cert-file",
                    cert.toString(),
                    "--tls-key-file",
                    key.toString(),
                    "--tls-ca-cert-file",
                    cert.toString(),
                    "--tls-auth-clients",
                    "no"),
            true)) {
      server.start();
      // A self-signed certificate is refused: peer verification is on unless the URI turns it off.
      assertThatThrownBy(() -> RedisStores.open("rediss://127.0.0.1:" + server.port + "/0"))
          .hasMessageContaining("cannot connect to Redis at rediss://127.0.0.1:" + server.port);
      try (RedisStores redis =
          RedisStores.open("rediss://127.0.0.1:" + server.port + "/0?verifyPeer=NONE")) {
        RateLimiter limiter =
            RateLimiter.builder(RateLimitPolicy.fixedWindow("tls", 1, Duration.ofMinutes(1)))
                .store(redis.rateLimits())
                .build();
        assertThat(limiter.consume("k").isAllowed()).isTrue();
        assertThat(limiter.consume("k").isAllowed()).isFalse();
      }
    }
  }
}
