package dev.armet.internal.servlet;

import dev.armet.internal.servlet.jetty.JettyPeerAddresses;
import jakarta.servlet.ServletRequest;

/**
 * The socket peer's address of a request, exactly as {@link ServletRequest#getRemoteAddr()} gives
 * it. On Jetty 12 (ee10 and ee11) the text of a connection's peer is remembered per connection
 * address, so a keep-alive connection's requests do not format it again (issue 18); everywhere else
 * (Tomcat, Undertow, a request wrapped by an earlier filter) it is {@code getRemoteAddr()}.
 */
public interface PeerAddresses {
  /** Asks the request every time. */
  PeerAddresses CONTAINER = ServletRequest::getRemoteAddr;

  /** What {@code request.getRemoteAddr()} answers. */
  String of(ServletRequest request);

  /** The peer addresses for the container on the class path. */
  static PeerAddresses forContainer() {
    // Probed by name first: JettyPeerAddresses cannot even link without Jetty.
    boolean ee10 = OptionalClasses.loadable(JettyPeerAddresses.EE10);
    boolean ee11 = OptionalClasses.loadable(JettyPeerAddresses.EE11);
    if (!ee10 && !ee11) {
      return CONTAINER;
    }
    return JettyPeerAddresses.create(ee10, ee11);
  }
}
