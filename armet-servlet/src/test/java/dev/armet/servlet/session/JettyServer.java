package dev.armet.servlet.session;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Real Jetty 12 (ee10) on a random loopback port, with the container's session support switched
 * ON, so a leak to the container session would show up as a JSESSIONID cookie.
 */
final class JettyServer implements AutoCloseable {
  private final Server server = new Server();
  private final ServletContextHandler context =
      new ServletContextHandler(ServletContextHandler.SESSIONS);
  private final ServerConnector connector;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param secure report every request as HTTPS, as a TLS connector would */
  JettyServer(Filter filter, boolean secure) {
    HttpConfiguration config = new HttpConfiguration();
    config.setOutputBufferSize(4096);
    if (secure) {
      config.addCustomizer((request, headers) -> new Request.Wrapper(request) {
        @Override
        public boolean isSecure() {
          return true;
        }
      });
    }
    connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    context.setContextPath("/");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
    server.setHandler(context);
  }

  JettyServer servlet(String path, HttpServlet servlet) {
    context.addServlet(new ServletHolder(servlet), path);
    return this;
  }

  /** Routes error responses to {@code path}, as a web.xml error-page would. */
  JettyServer errorPage(String path) {
    org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler errors =
        new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
    errors.addErrorPage(500, path);
    context.setErrorHandler(errors);
    return this;
  }

  JettyServer start() throws Exception {
    server.start();
    return this;
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + connector.getLocalPort() + path)).GET();
    if (cookie != null && !cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
