package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.spi.LimitRule;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStoreException;
import dev.armet.spi.SessionLoad;
import io.lettuce.core.RedisCommandTimeoutException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that is up but does not answer (here {@code CLIENT PAUSE}: every command is held for 60
 * s) costs a call no more than the command timeout: the wait is bounded by the caller, Lettuce's
 * per-command timer being off. Without the bound each call would get its answer once the pause
 * ends, and no exception: the assertions below are on the timeout's own exception, never on time.
 */
class RedisTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  private OwnRedisServer server;
  private RedisStores redis;

  @BeforeEach
  void start() throws Exception {
    server = new OwnRedisServer();
    server.start();
    redis = RedisStores.open(server.uri(), b -> b.commandTimeout(TIMEOUT));
    // Connected, and the script cached: what follows waits only for the paused server.
    assertThat(redis.rateLimits().execute(consume("warm:a")).allowed()).isTrue();
    pauseAllClients(server.port, Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() throws Exception {
    redis.close();
    server.close();
  }

  @Test
  void pausedRedis_decisionCarryingASession_failsWithTheTimeout() {
    SessionLoad load = redis.sessions().prepareLoad("k");
    assertThatThrownBy(() -> redis.rateLimits().execute(consume("paused:a"), load))
        .isInstanceOf(RateLimitStoreException.class)
        .hasCauseInstanceOf(RedisCommandTimeoutException.class);
    // The carried read was not answered: made on its own, it is bounded the same way.
    assertThatThrownBy(load::result)
        .isInstanceOf(RedisStoreException.class)
        .hasRootCauseInstanceOf(RedisCommandTimeoutException.class);
  }

  @Test
  void pausedRedis_decisionAndSessionCalls_failWithTheTimeout() {
    assertThatThrownBy(() -> redis.rateLimits().execute(consume("paused:b")))
        .isInstanceOf(RateLimitStoreException.class)
        .hasCauseInstanceOf(RedisCommandTimeoutException.class);
    assertThatThrownBy(() -> redis.sessions().load("k"))
        .isInstanceOf(RedisStoreException.class)
        .hasRootCauseInstanceOf(RedisCommandTimeoutException.class);
    assertThatThrownBy(() -> redis.sessions().delete("k"))
        .isInstanceOf(RedisStoreException.class)
        .hasRootCauseInstanceOf(RedisCommandTimeoutException.class);
  }

  /** CLIENT PAUSE from a connection of its own, so the stores' connection is the one held. */
  /** Holds every client's commands on the server at {@code port} for {@code d}. */
  static void pauseAllClients(int port, Duration d) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      s.setSoTimeout(2_000);
      String pause = "CLIENT PAUSE " + d.toMillis() + " ALL\r\n";
      s.getOutputStream().write(pause.getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[16];
      int n = s.getInputStream().read(reply);
      assertThat(new String(reply, 0, Math.max(0, n), StandardCharsets.US_ASCII)).startsWith("+OK");
    }
  }

  private static RateLimitCommand consume(String key) {
    LimitRule rule =
        LimitRule.of(
            key.substring(0, key.indexOf(':')),
            LimitRule.Kind.TOKEN_BUCKET,
            10,
            1_000_000,
            0,
            false);
    return RateLimitCommand.of(
        List.of(key),
        List.of(rule),
        RateLimitCommand.Operation.CONSUME,
        new long[] {1},
        System.currentTimeMillis() * 1000,
        0);
  }
}
