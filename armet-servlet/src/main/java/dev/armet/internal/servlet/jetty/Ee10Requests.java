package dev.armet.internal.servlet.jetty;

import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletApiRequest;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/** Jetty's ee10 servlet request: its endpoints are read from its core request. */
final class Ee10Requests implements JettyRequests {
  @Override
  public @Nullable Request coreOf(ServletRequest request) {
    return request.getClass() == ServletApiRequest.class
        ? ((ServletApiRequest) request).getRequest()
        : null;
  }
}
