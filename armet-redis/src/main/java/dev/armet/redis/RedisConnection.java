package dev.armet.redis;

import dev.armet.internal.env.MaskedUri;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * One multiplexed Lettuce connection (standalone, Sentinel or Cluster) with bounded command
 * timeouts: each caller waits at most the timeout for its reply, then cancels the command. While
 * disconnected, commands are refused at once instead of queued (Cluster: queued up to the timeout),
 * so an outage costs no request more than the timeout; Lettuce reconnects by itself (backoff capped
 * at 1 s). Every use of {@link #async()} must await with {@link #timeout()}.
 */
final class RedisConnection implements AutoCloseable {
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private final ClientResources resources;
  private final AutoCloseable client;
  private final AutoCloseable connection;
  private final RedisClusterCommands<String, String> commands;
  private final RedisClusterAsyncCommands<String, String> async;
  private final boolean cluster;
  private final Duration timeout;

  private RedisConnection(
      ClientResources resources,
      AutoCloseable client,
      AutoCloseable connection,
      RedisClusterCommands<String, String> commands,
      RedisClusterAsyncCommands<String, String> async,
      boolean cluster,
      Duration timeout) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.commands = commands;
    this.async = async;
    this.cluster = cluster;
    this.timeout = timeout;
  }

  static RedisConnection open(String uri, Duration timeout) {
    boolean cluster = uri.startsWith("redis-cluster://") || uri.startsWith("rediss-cluster://");
    RedisURI parsed = RedisURI.create(cluster ? uri.replaceFirst("-cluster://", "://") : uri);
    // Connecting and the handshake may take longer than a command (TLS, a busy host): no request
    // waits for them, since commands are refused while disconnected.
    Duration connect = timeout.compareTo(CONNECT) > 0 ? timeout : CONNECT;
    parsed.setTimeout(connect);
    ClientResources resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10),
                    Duration.ofSeconds(1),
                    2,
                    java.util.concurrent.TimeUnit.MILLISECONDS))
            .build();
    SocketOptions socket = SocketOptions.builder().connectTimeout(connect).keepAlive(true).build();
    // No per-command timer: every command of these stores is awaited by its caller for at most
    // the timeout and cancelled past it (the sync API with the connection's timeout, the async
    // ones with LettuceFutures.awaitOrCancel), so Lettuce's timer would only add a scheduled task
    // and its cancellation to each command. RedisTimeoutTest shows the bound holds without it.
    TimeoutOptions timeouts = TimeoutOptions.builder().timeoutCommands(false).build();
    try {
      if (cluster) {
        RedisClusterClient client = RedisClusterClient.create(resources, parsed);
        // Cluster opens node connections on first use: queue (bounded by the timeout), since
        // refusing while a node connection is still being made would fail healthy requests.
        client.setOptions(
            ClusterClientOptions.builder()
                .socketOptions(socket)
                .timeoutOptions(timeouts)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .topologyRefreshOptions(
                    ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.of(30, ChronoUnit.SECONDS))
                        .build())
                .build());
        StatefulRedisClusterConnection<String, String> c = client.connect(StringCodec.UTF8);
        c.setTimeout(timeout);
        return new RedisConnection(
            resources, client::shutdown, c, c.sync(), c.async(), true, timeout);
      }
      RedisClient client = RedisClient.create(resources, parsed);
      client.setOptions(
          ClientOptions.builder()
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .build());
      StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
      c.setTimeout(timeout);
      return new RedisConnection(
          resources, client::shutdown, c, c.sync(), c.async(), false, timeout);
    } catch (RuntimeException e) {
      resources.shutdown();
      throw new IllegalStateException(
          "cannot connect to Redis at "
              + MaskedUri.of(uri)
              + ": "
              + e.getClass().getSimpleName()
              + " (is the server running? e.g. redis-server --port 6379)",
          e);
    }
  }

  /**
   * One connection on a client the application owns (e.g. Spring Data Redis's): its event loops and
   * options are reused, and closing this closes only the connection.
   */
  static RedisConnection on(RedisClient client, Duration timeout) {
    try {
      StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
      c.setTimeout(timeout);
      return new RedisConnection(null, () -> {}, c, c.sync(), c.async(), false, timeout);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot connect to Redis through the application's client: "
              + e.getClass().getSimpleName()
              + " (is the server running? e.g. redis-server --port 6379)",
          e);
    }
  }

  RedisClusterCommands<String, String> commands() {
    return commands;
  }

  /** The same connection's asynchronous commands: to pipeline a read with a decision. */
  RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /** The command timeout. */
  Duration timeout() {
    return timeout;
  }

  boolean cluster() {
    return cluster;
  }

  @Override
  public void close() {
    try {
      connection.close();
      client.close();
    } catch (Exception e) {
      // closing: nothing left to protect
    } finally {
      if (resources != null) {
        resources.shutdown();
      }
    }
  }
}
