/**
 * Armet for the Servlet API: {@code ArmetFilter} applies core's headers, sessions, CSRF, rate
 * limits and client-address resolution to any Servlet 6 container.
 *
 * <p>{@code dev.armet.internal.servlet} is exported only to armet-server, which writes the
 * constant headers itself and tells the filter so, and to the Spring Boot starter (an automatic
 * module), whose login throttle matches the same request path as the filter.
 */
@SuppressWarnings("module") // the qualified exports name modules compiled after this one
module dev.armet.servlet {
  requires transitive dev.armet.core;
  requires transitive jakarta.servlet;
  requires static micrometer.core; // optional: ArmetMetrics loads only when it is present

  exports dev.armet.servlet;
  exports dev.armet.servlet.csrf;
  exports dev.armet.servlet.session;

  exports dev.armet.internal.servlet to dev.armet.server, dev.armet.spring.boot;
}
