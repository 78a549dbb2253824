package dev.armet.internal.servlet.jetty;

import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/** Reaches the core request behind one Jetty servlet environment's own request. */
interface JettyRequests {
  /**
   * The core request whose connection and URI {@code request}'s {@code getRemoteAddr()}, {@code
   * getServerName()} and {@code getServerPort()} read, or null when {@code request} is not exactly
   * this environment's own request class (a wrapper or a subclass may answer them otherwise).
   */
  @Nullable Request coreOf(ServletRequest request);
}
