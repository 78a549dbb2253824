package dev.armet.internal.servlet.jetty;

import dev.armet.internal.servlet.ArmetRequest;
import dev.armet.internal.servlet.RequestEndpoints;
import jakarta.servlet.ServletRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.URIUtil;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12's request endpoints, read without the strings Jetty's servlet request makes per call.
 *
 * <p>Peer: {@code getRemoteAddr()} formats the connection's {@link InetSocketAddress} into a new
 * string on every call, while that address is one immutable object for the connection's life. So
 * the text {@code getRemoteAddr()} gave is remembered against that object, compared by identity: a
 * hit answers exactly what the call would (the text is a function of the address object alone,
 * whose state is final), and an entry holds its address, so no other connection's address can ever
 * be the same object. Another connection or a per-request address (a proxy customizer's) asks
 * {@code getRemoteAddr()}. Direct-mapped, {@value #SIZE} entries; a collision or a churned entry
 * only costs the call. Racy by design: entries are immutable, so a thread sees a whole entry or
 * none.
 *
 * <p>Server name and port: {@code getServerName()} and {@code getServerPort()} (Jetty 12.1, ee10
 * and ee11) each concatenate the URI's authority only to see that it is not blank, then answer the
 * normalized host and the URI's port (the scheme's default when it has none). When the URI has a
 * host that is not blank its authority is not blank either, so the same answer is read directly;
 * otherwise (no Host, an empty one) the calls are made. {@code JettyRequestEndpointsTest} compares
 * both ways for many Host headers, so a Jetty upgrade that changed them would show.
 *
 * <p>Only Jetty's own servlet request (exactly its class), bare or in ArmetFilter's {@link
 * ArmetRequest}, is read this way; a request wrapped or subclassed by anyone else is asked itself.
 */
public final class JettyRequestEndpoints implements RequestEndpoints {
  /** Jetty's ee10 servlet request, which must load before {@link #create} is asked for ee10. */
  public static final String EE10 = "org.eclipse.jetty.ee10.servlet.ServletApiRequest";

  /** Jetty's ee11 servlet request, which must load before {@link #create} is asked for ee11. */
  public static final String EE11 = "org.eclipse.jetty.ee11.servlet.ServletApiRequest";

  static final int SIZE = 256;

  /** One connection address and the text Jetty gave for it. */
  private record Entry(InetSocketAddress address, String text) {}

  private final JettyRequests[] requests;
  private final @Nullable Entry[] entries = new Entry[SIZE];

  private JettyRequestEndpoints(JettyRequests[] requests) {
    this.requests = requests;
  }

  /**
   * The endpoints of the environments named. Call it only when the classes of those environments
   * load: this class itself needs Jetty to link.
   */
  public static RequestEndpoints create(boolean ee10, boolean ee11) {
    List<JettyRequests> found = new ArrayList<>(2);
    if (ee10) {
      found.add(new Ee10Requests());
    }
    if (ee11) {
      found.add(new Ee11Requests());
    }
    return new JettyRequestEndpoints(found.toArray(new JettyRequests[0]));
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // by design: the connection's own address object
  public String remoteAddr(ServletRequest request) {
    Request core = coreOf(request);
    SocketAddress peer =
        core == null ? null : core.getConnectionMetaData().getRemoteSocketAddress();
    if (!(peer instanceof InetSocketAddress)) {
      return request.getRemoteAddr();
    }
    InetSocketAddress address = (InetSocketAddress) peer;
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

  @Override
  public String serverName(ServletRequest request) {
    HttpURI uri = uriWithHost(request);
    return uri != null ? HostPort.normalizeHost(uri.getHost()) : request.getServerName();
  }

  @Override
  public int serverPort(ServletRequest request) {
    HttpURI uri = uriWithHost(request);
    if (uri == null) {
      return request.getServerPort();
    }
    int port = uri.getPort();
    return port > 0 ? port : URIUtil.getDefaultPortForScheme(request.getScheme());
  }

  /** The core request's URI when it has a host that is not blank (so its authority is not). */
  private @Nullable HttpURI uriWithHost(ServletRequest request) {
    Request core = coreOf(request);
    HttpURI uri = core == null ? null : core.getHttpURI();
    String host = uri == null ? null : uri.getHost();
    return host == null || host.isBlank() ? null : uri;
  }

  private @Nullable Request coreOf(ServletRequest request) {
    // ArmetFilter's own wrapper answers the endpoints as the request it wraps does.
    ServletRequest own =
        request instanceof ArmetRequest ? ((ArmetRequest) request).getRequest() : request;
    for (JettyRequests r : requests) {
      Request core = r.coreOf(own);
      if (core != null) {
        return core;
      }
    }
    return null;
  }

  private static int index(InetSocketAddress address) {
    int h = System.identityHashCode(address);
    return (h ^ (h >>> 16)) & (SIZE - 1);
  }
}
