package dev.armet.internal.tls;

import dev.armet.internal.tls.GroupAnswer.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Asks a live TLS server which key-exchange group it selects from an offer, with one {@link
 * ProbeHello} per connection: no handshake is completed and no key generated. Each answer takes at
 * most the timeout given (connect, then the whole reply) and {@link ServerHelloReader#MAX_BYTES}.
 */
public final class GroupProbe {
  private final InetSocketAddress address;
  private final @Nullable String serverName;
  private final Duration timeout;

  /**
   * @param address where to connect
   * @param serverName the host name sent as SNI; null for none
   * @param timeout the bound on connecting, and separately on the whole reply
   */
  public GroupProbe(InetSocketAddress address, @Nullable String serverName, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.address = address;
    this.serverName = serverName;
    this.timeout = timeout;
  }

  /**
   * The server's answer to an offer of {@code groups}, most preferred first.
   *
   * @throws IOException when the server cannot be reached at all (no connection)
   */
  public GroupAnswer offer(List<Integer> groups) throws IOException {
    byte[] hello = ProbeHello.clientHello(serverName, groups);
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        socket.getOutputStream().write(hello);
        socket.getOutputStream().flush();
        return ServerHelloReader.read(new DeadlineStream(socket, deadline));
      } catch (SocketTimeoutException e) {
        return GroupAnswer.of(
            Kind.TIMEOUT, "no complete reply within " + timeout.toMillis() + " ms");
      } catch (IOException e) {
        return GroupAnswer.of(Kind.CLOSED, "the connection failed: " + e.getMessage());
      }
    }
  }

  /**
   * Each group offered alone: those the server selects, in the order given. A server that lets one
   * offer time out is not asked again (each would cost the whole timeout): what it accepted so far.
   */
  public List<Integer> accepted(List<Integer> groups) throws IOException {
    List<Integer> accepted = new ArrayList<>();
    for (int g : groups) {
      GroupAnswer answer = offer(List.of(g));
      if (answer.kind() == GroupAnswer.Kind.TIMEOUT) {
        break;
      }
      if (answer.isSelected() && answer.group() == g) {
        accepted.add(g);
      }
    }
    return accepted;
  }

  /** Reads with what is left of one deadline as the socket timeout of every read. */
  private static final class DeadlineStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;

    DeadlineStream(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    private void arm() throws IOException {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }
  }
}
