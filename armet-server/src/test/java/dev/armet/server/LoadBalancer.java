package dev.armet.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A TCP load balancer on a loopback port: each connection goes to the port {@code target} names at
 * the moment it is accepted, bytes copied both ways untouched (TLS passes through).
 */
final class LoadBalancer implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

  private final ServerSocket listener;
  private final IntSupplier target;
  private final AtomicInteger forwarded = new AtomicInteger();

  LoadBalancer(IntSupplier target) throws IOException {
    this.listener = new ServerSocket(0, 50, LOOPBACK);
    this.target = target;
    Thread.ofVirtual().name("load-balancer").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections forwarded so far. */
  int forwarded() {
    return forwarded.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().start(() -> forward(client));
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void forward(Socket client) {
    try {
      Socket server = new Socket(LOOPBACK, target.getAsInt());
      forwarded.incrementAndGet();
      Thread.ofVirtual().start(() -> copy(server, client));
      copy(client, server);
    } catch (IOException | RuntimeException | AssertionError e) {
      closeQuietly(client); // no target: the client sees its connection end
    }
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // the other direction closed the pair
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
