package dev.armet.servlet;

import dev.armet.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 on a random loopback port with a tiny test-only filter that calls the components
 * the way ArmetFilter will: resolve the client address, then the rate-limit gate.
 */
final class GateTestServer implements AutoCloseable {
  private final Server server = new Server();
  private final ServletContextHandler context = new ServletContextHandler();
  private final ServerConnector connector = new ServerConnector(server);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GateTestServer(ClientAddressResolver resolver, HttpRateLimits limits) {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    context.setContextPath("/");
    Filter gate =
        new Filter() {
          @Override
          public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
              throws IOException, ServletException {
            HttpServletRequest request =
                ClientAddressRequest.resolve((HttpServletRequest) req, resolver);
            if (limits != null && !limits.begin(request, (HttpServletResponse) res)) {
              return;
            }
            chain.doFilter(request, res);
          }
        };
    context.addFilter(
        new FilterHolder(gate), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
    server.setHandler(context);
  }

  GateTestServer servlet(String pathSpec, HttpServlet servlet) {
    context.addServlet(new ServletHolder(servlet), pathSpec);
    return this;
  }

  GateTestServer start() throws Exception {
    server.start();
    return this;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + connector.getLocalPort() + path));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = request(path);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
