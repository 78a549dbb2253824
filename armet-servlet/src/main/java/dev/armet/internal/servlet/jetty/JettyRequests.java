package dev.armet.internal.servlet.jetty;

import jakarta.servlet.ServletRequest;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/** Reaches the connection behind one Jetty servlet environment's own request. */
interface JettyRequests {
  /**
   * The remote address of the connection {@code request} came on, as Jetty's {@code
   * getRemoteAddr()} reads it, or null when {@code request} is not exactly this environment's own
   * request class (a wrapper or a subclass may answer {@code getRemoteAddr()} otherwise).
   */
  @Nullable SocketAddress peerOf(ServletRequest request);
}
