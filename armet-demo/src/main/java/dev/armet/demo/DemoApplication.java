package dev.armet.demo;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEventSink;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.servlet.ArmetFilter;
import java.net.URISyntaxException;
import java.util.function.Consumer;

/**
 * The reference application: a hardened {@link ArmetServer} serving a page that shows Armet's
 * headers at work, with a nonce-based Content-Security-Policy that reports its violations.
 *
 * <p>Runs in development mode unless {@code ARMET_ENV} says otherwise.
 *
 * <pre>{@code
 * ArmetServer server = DemoApplication.create(c -> c.httpsPort(8443).httpPort(8080)).start();
 * server.join();
 * }</pre>
 */
public final class DemoApplication {
  /** The Reporting API endpoint group named in CSP {@code report-to}. */
  public static final String REPORT_GROUP = "csp-endpoint";

  private DemoApplication() {}

  /** The demo server, CSP reports logged; {@code config} adjusts ports, data folder, mode. */
  public static ArmetServer create(Consumer<ArmetServerConfig.Builder> config) {
    return create(SecurityEventSink.logging(), config);
  }

  /** The demo server with security events (CSP reports) sent to {@code events}. */
  public static ArmetServer create(SecurityEventSink events, Consumer<ArmetServerConfig.Builder> config) {
    ArmetServerConfig.Builder b = ArmetServerConfig.builder()
        .environment(ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT))
        .filter(filter(events))
        .servlet("", new HomeServlet()) // "" maps the context root only
        .staticResources("/static", staticFolder());
    config.accept(b);
    return ArmetServer.create(b.build());
  }

  /**
   * The demo's filter: Helmet defaults plus a per-request nonce on {@code script-src}, and
   * violation reports sent both ways ({@code report-uri} for older browsers, {@code report-to}).
   */
  public static ArmetFilter filter(SecurityEventSink events) {
    return ArmetFilter.create(f -> f
        .events(events)
        .headers(h -> h
            .contentSecurityPolicy(csp -> csp
                .nonce("script-src")
                .reportUri(ArmetFilter.DEFAULT_CSP_REPORT_PATH)
                .reportTo(REPORT_GROUP))
            .reportingEndpoint(REPORT_GROUP, ArmetFilter.DEFAULT_CSP_REPORT_PATH)));
  }

  private static java.net.URI staticFolder() {
    try {
      return DemoApplication.class.getResource("static/").toURI();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("the demo's static folder is missing from the class path", e);
    }
  }
}
