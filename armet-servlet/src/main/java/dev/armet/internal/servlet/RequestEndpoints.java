package dev.armet.internal.servlet;

import dev.armet.internal.servlet.jetty.JettyRequestEndpoints;
import jakarta.servlet.ServletRequest;

/**
 * Both ends of a request as the container reports them, exactly as {@link
 * ServletRequest#getRemoteAddr()}, {@link ServletRequest#getServerName()} and {@link
 * ServletRequest#getServerPort()} give them. On Jetty 12 (ee10 and ee11) they are read without the
 * strings those calls make on every request (issue 18); everywhere else (Tomcat, Undertow, a
 * request wrapped by an earlier filter) they are those calls.
 */
public interface RequestEndpoints {
  /** Asks the request every time. */
  RequestEndpoints CONTAINER =
      new RequestEndpoints() {
        @Override
        public String remoteAddr(ServletRequest request) {
          return request.getRemoteAddr();
        }

        @Override
        public String serverName(ServletRequest request) {
          return request.getServerName();
        }

        @Override
        public int serverPort(ServletRequest request) {
          return request.getServerPort();
        }
      };

  /** What {@code request.getRemoteAddr()} answers. */
  String remoteAddr(ServletRequest request);

  /** What {@code request.getServerName()} answers. */
  String serverName(ServletRequest request);

  /** What {@code request.getServerPort()} answers. */
  int serverPort(ServletRequest request);

  /** The endpoints for the container on the class path. */
  static RequestEndpoints forContainer() {
    // Probed by name first: JettyRequestEndpoints cannot even link without Jetty.
    boolean ee10 = OptionalClasses.loadable(JettyRequestEndpoints.EE10);
    boolean ee11 = OptionalClasses.loadable(JettyRequestEndpoints.EE11);
    if (!ee10 && !ee11) {
      return CONTAINER;
    }
    return JettyRequestEndpoints.create(ee10, ee11);
  }
}
