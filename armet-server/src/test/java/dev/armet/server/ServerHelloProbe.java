package dev.armet.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection TCP relay in front of the server that reports how many bytes the server sent in
 * plaintext TLS 1.3 handshake records (its ServerHello, and a HelloRetryRequest before it): the key
 * share tells the group apart, 1,120 bytes of ML-KEM-768 ciphertext and X25519 for X25519MLKEM768
 * against 32 or 65 bytes for a classical group.
 */
final class ServerHelloProbe implements AutoCloseable {
  private final ServerSocket listener;
  private final CompletableFuture<Integer> firstRecordLength = new CompletableFuture<>();

  ServerHelloProbe(int serverPort) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread relay = new Thread(() -> relay(serverPort), "server-hello-probe");
    relay.setDaemon(true);
    relay.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The bytes of the server's plaintext handshake records (TLS 1.3). */
  int serverHelloRecordLength() throws Exception {
    return firstRecordLength.get(10, TimeUnit.SECONDS);
  }

  private void relay(int serverPort) {
    try (Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
      Thread up = new Thread(() -> copy(client, server), "probe-up");
      up.setDaemon(true);
      up.start();
      InputStream in = server.getInputStream();
      OutputStream out = client.getOutputStream();
      int plaintextHandshake = 0;
      while (true) {
        byte[] header = in.readNBytes(5);
        if (header.length < 5) {
          throw new IOException("the server closed during the handshake");
        }
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        out.write(header);
        out.write(in.readNBytes(length));
        out.flush();
        if (header[0] == 22) {
          plaintextHandshake += length; // ServerHello, and a HelloRetryRequest before it
        } else if (header[0] == 23) {
          break; // encrypted from here on
        }
      }
      firstRecordLength.complete(plaintextHandshake);
      in.transferTo(out);
    } catch (IOException e) {
      firstRecordLength.completeExceptionally(e);
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException closed) {
      // the other side closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
