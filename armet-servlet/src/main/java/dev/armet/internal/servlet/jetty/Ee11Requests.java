package dev.armet.internal.servlet.jetty;

import jakarta.servlet.ServletRequest;
import java.net.SocketAddress;
import org.eclipse.jetty.ee11.servlet.ServletApiRequest;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's ee11 servlet request: its {@code getRemoteAddr()} formats its core request's connection
 * address.
 */
final class Ee11Requests implements JettyRequests {
  @Override
  public @Nullable SocketAddress peerOf(ServletRequest request) {
    if (request.getClass() != ServletApiRequest.class) {
      return null;
    }
    Request core = ((ServletApiRequest) request).getRequest();
    return core == null ? null : core.getConnectionMetaData().getRemoteSocketAddress();
  }
}
