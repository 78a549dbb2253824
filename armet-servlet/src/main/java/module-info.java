/**
 * Armet for the Servlet API: {@code ArmetFilter} applies core's headers, sessions, CSRF, rate
 * limits and client-address resolution to any Servlet 6 container.
 *
 * <p>{@code dev.armet.internal.servlet} is exported only to armet-server, which writes the constant
 * headers itself and tells the filter so, and to the Spring Boot starter (an automatic module),
 * whose login throttle matches the same request path as the filter. {@code
 * dev.armet.internal.servlet.jetty} is exported to armet-server only, whose core handler adds the
 * same pre-encoded fields as the filter does on Jetty.
 */
// "module": the qualified export names a module compiled after this one;
// "requires-automatic": Micrometer ships no descriptor, only an Automatic-Module-Name.
@SuppressWarnings({"module", "requires-automatic"})
module dev.armet.servlet {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time
  requires transitive dev.armet.core;
  requires transitive jakarta.servlet;
  requires static micrometer.core; // optional: ArmetMetrics loads only when it is present
  // Optional: on Jetty 12 the filter adds the constant headers pre-encoded (JettyPreEncodedHeaders,
  // loaded only when these are present); any other container gets them through setHeader. It also
  // reads the request's endpoints without per-call strings there (JettyRequestEndpoints).
  requires static org.eclipse.jetty.util;
  requires static org.eclipse.jetty.http;
  requires static org.eclipse.jetty.server;
  requires static org.eclipse.jetty.ee10.servlet;
  requires static org.eclipse.jetty.ee11.servlet;

  exports dev.armet.servlet;
  exports dev.armet.servlet.csrf;
  exports dev.armet.servlet.session;
  exports dev.armet.internal.servlet to
      dev.armet.server,
      dev.armet.spring.boot;
  exports dev.armet.internal.servlet.jetty to
      dev.armet.server;
}
