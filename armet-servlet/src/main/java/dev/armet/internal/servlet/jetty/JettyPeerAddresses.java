package dev.armet.internal.servlet.jetty;

import dev.armet.internal.servlet.PeerAddresses;
import jakarta.servlet.ServletRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12's peer addresses: Jetty's {@code getRemoteAddr()} formats the connection's {@link
 * InetSocketAddress} into a new string on every call, while that address is one immutable object
 * for the connection's life. So the text {@code getRemoteAddr()} gave is remembered against that
 * object, compared by identity: a hit answers exactly what the call would (the text is a function
 * of the address object alone, whose state is final), and an entry holds its address, so no other
 * connection's address can ever be the same object. Another connection, a per-request address (a
 * proxy customizer's) or a request wrapped or subclassed by anyone else asks {@code
 * getRemoteAddr()}.
 *
 * <p>Direct-mapped, {@value #SIZE} entries; a collision or a churned entry only costs the call.
 * Racy by design: entries are immutable, so a thread sees a whole entry or none.
 */
public final class JettyPeerAddresses implements PeerAddresses {
  /** Jetty's ee10 servlet request, which must load before {@link #create} is asked for ee10. */
  public static final String EE10 = "org.eclipse.jetty.ee10.servlet.ServletApiRequest";

  /** Jetty's ee11 servlet request, which must load before {@link #create} is asked for ee11. */
  public static final String EE11 = "org.eclipse.jetty.ee11.servlet.ServletApiRequest";

  static final int SIZE = 256;

  /** One connection address and the text Jetty gave for it. */
  private record Entry(InetSocketAddress address, String text) {}

  private final JettyRequests[] requests;
  private final @Nullable Entry[] entries = new Entry[SIZE];

  private JettyPeerAddresses(JettyRequests[] requests) {
    this.requests = requests;
  }

  /**
   * The peer addresses of the environments named. Call it only when the classes of those
   * environments load: this class itself needs Jetty to link.
   */
  public static PeerAddresses create(boolean ee10, boolean ee11) {
    List<JettyRequests> found = new ArrayList<>(2);
    if (ee10) {
      found.add(new Ee10Requests());
    }
    if (ee11) {
      found.add(new Ee11Requests());
    }
    return new JettyPeerAddresses(found.toArray(new JettyRequests[0]));
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // by design: the connection's own address object
  public String of(ServletRequest request) {
    InetSocketAddress address = connectionAddress(request);
    if (address == null) {
      return request.getRemoteAddr();
    }
    int index = index(address);
    Entry known = entries[index];
    if (known != null && known.address() == address) {
      return known.text();
    }
    String text = request.getRemoteAddr();
    if (text != null) {
      entries[index] = new Entry(address, text);
    }
    return text;
  }

  private @Nullable InetSocketAddress connectionAddress(ServletRequest request) {
    for (JettyRequests r : requests) {
      SocketAddress peer = r.peerOf(request);
      if (peer != null) {
        return peer instanceof InetSocketAddress ? (InetSocketAddress) peer : null;
      }
    }
    return null;
  }

  private static int index(InetSocketAddress address) {
    int h = System.identityHashCode(address);
    return (h ^ (h >>> 16)) & (SIZE - 1);
  }
}
