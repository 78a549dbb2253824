package dev.armet.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.internal.HttpConnection; // public, the only view of the parser state
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that take longer than the header timeout to deliver a TLS handshake and a
 * whole HTTP/1.1 request head. The idle timeout alone does not stop slowloris: one byte every
 * few seconds keeps a connection "active" forever. Jetty 12 has no such bound, so a sweeper
 * looks at every open connection a few times per timeout.
 *
 * <p>HTTP/2 connections are left to HTTP/2's own stream and idle limits.
 */
final class HeaderTimeout extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.limits");

  /** Since when a connection has been in its current head, and which request that was. */
  private record Pending(long messages, long since) {}

  private final long timeoutNanos;
  private final List<ServerConnector> connectors;
  private final Map<EndPoint, Pending> pending = new HashMap<>(); // sweeper thread only
  private ScheduledExecutorService sweeper;

  HeaderTimeout(Duration timeout, List<ServerConnector> connectors) {
    this.timeoutNanos = timeout.toNanos();
    this.connectors = List.copyOf(connectors);
  }

  @Override
  protected void doStart() {
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "armet-header-timeout");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), timeoutNanos / 4);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  protected void doStop() {
    sweeper.shutdownNow();
  }

  void sweep() {
    try {
      long now = System.nanoTime();
      Set<EndPoint> open = new HashSet<>();
      for (ServerConnector connector : connectors) {
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
          open.add(endPoint);
          long messages = headMessages(endPoint.getConnection());
          if (messages == Long.MIN_VALUE) {
            pending.remove(endPoint);
            continue;
          }
          Pending p = pending.get(endPoint);
          if (p == null || p.messages() != messages) {
            pending.put(endPoint, new Pending(messages, now));
          } else if (now - p.since() > timeoutNanos) {
            LOG.debug("closing {}: no complete request head within the header timeout", endPoint.getRemoteSocketAddress());
            pending.remove(endPoint);
            endPoint.close();
          }
        }
      }
      pending.keySet().retainAll(open);
    } catch (RuntimeException e) {
      LOG.warn("header timeout sweep failed", e);
    }
  }

  /**
   * The number of requests the connection has read if it is part-way through a handshake or a
   * request head; {@code Long.MIN_VALUE} when it is idle between requests, reading a body,
   * handling a request, or speaking HTTP/2.
   */
  private static long headMessages(Connection connection) {
    if (connection instanceof SslConnection ssl) {
      Connection inner = ssl.getSslEndPoint().getConnection();
      if (inner instanceof HttpConnection || inner instanceof HTTP2Connection) {
        return headMessages(inner);
      }
      return -1; // handshake or ALPN still in progress
    }
    if (connection != null && connection.getClass().getEnclosingClass() == DetectorConnectionFactory.class) {
      return -1; // still reading the ClientHello, before the handshake (its connection class is private)
    }
    if (connection instanceof HttpConnection http) {
      boolean inHead = http.getParser().inHeaderState() && !http.getParser().isStart();
      return inHead ? http.getMessagesIn() : Long.MIN_VALUE;
    }
    return Long.MIN_VALUE;
  }
}
