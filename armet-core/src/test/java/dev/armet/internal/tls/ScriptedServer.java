package dev.armet.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server for one connection: it reads the client's first TLS record, answers with
 * scripted bytes, then closes or, when told, stays silent until the test closes it. It refuses any
 * further connection.
 */
final class ScriptedServer implements AutoCloseable {
  private final ServerSocket listener;
  private final CompletableFuture<byte[]> clientHello = new CompletableFuture<>();
  private volatile Socket connection;

  ScriptedServer(byte[] reply, boolean closeAfter) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> serve(reply, closeAfter), "scripted-tls-server");
    t.setDaemon(true);
    t.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
  }

  /** The record the client sent, header included. */
  byte[] clientHello() throws Exception {
    return clientHello.get(10, TimeUnit.SECONDS);
  }

  private void serve(byte[] reply, boolean closeAfter) {
    try {
      Socket s = listener.accept();
      listener.close(); // one connection: a second one is refused
      connection = s;
      InputStream in = s.getInputStream();
      byte[] header = in.readNBytes(5);
      int length = header.length < 5 ? 0 : ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
      byte[] body = in.readNBytes(length);
      byte[] record = new byte[header.length + body.length];
      System.arraycopy(header, 0, record, 0, header.length);
      System.arraycopy(body, 0, record, header.length, body.length);
      clientHello.complete(record);
      s.getOutputStream().write(reply);
      s.getOutputStream().flush();
      if (closeAfter) {
        s.close();
      }
    } catch (IOException e) {
      clientHello.completeExceptionally(e);
    }
  }

  @Override
  public void close() throws IOException {
    Socket s = connection;
    if (s != null) {
      s.close();
    }
    listener.close();
  }
}
