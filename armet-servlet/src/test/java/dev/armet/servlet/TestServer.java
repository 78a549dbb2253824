package dev.armet.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee10) on a random loopback port with one filter (ArmetFilter, or a component
 * under test) in front of test servlets.
 */
public final class TestServer implements AutoCloseable {
  private final Server server;
  private final ServletContextHandler context;
  private final ServerConnector connector;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param secure pretend every request arrived over TLS (as a TLS connector would report)
   */
  public TestServer(Filter filter, boolean secure) {
    this(filter, secure, false);
  }

  /**
   * With the container's own session support switched ON, so a leak to the container session would
   * show up as a JSESSIONID cookie, and a 4 KiB response buffer, so a large body commits the
   * response early.
   *
   * @param secure pretend every request arrived over TLS (as a TLS connector would report)
   */
  public static TestServer withContainerSessions(Filter filter, boolean secure) {
    return new TestServer(filter, secure, true);
  }

  /**
   * With the filter registered as {@code asyncStoreCalls} needs it: async supported, for {@code
   * REQUEST}, {@code ASYNC} and {@code ERROR}; {@code mapAsync} false leaves ASYNC out (the
   * misconfiguration the filter must detect).
   */
  public static TestServer asyncFilter(Filter filter, boolean mapAsync) {
    return new TestServer(
        filter,
        false,
        false,
        mapAsync
            ? EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR)
            : EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR),
        true);
  }

  private TestServer(Filter filter, boolean secure, boolean containerSessions) {
    this(
        filter,
        secure,
        containerSessions,
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR),
        false);
  }

  private TestServer(
      Filter filter,
      boolean secure,
      boolean containerSessions,
      EnumSet<DispatcherType> dispatches,
      boolean asyncSupported) {
    server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    if (containerSessions) {
      config.setOutputBufferSize(4096);
    }
    if (secure) {
      config.addCustomizer(
          (request, responseHeaders) ->
              new Request.Wrapper(request) {
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
    context =
        containerSessions
            ? new ServletContextHandler(ServletContextHandler.SESSIONS)
            : new ServletContextHandler();
    context.setContextPath("/");
    FilterHolder holder = new FilterHolder(filter);
    if (asyncSupported) {
      holder.setAsyncSupported(true); // otherwise Jetty's default for an embedded holder
    }
    context.addFilter(holder, "/*", dispatches);
    server.setHandler(context);
  }

  public TestServer servlet(String pathSpec, HttpServlet servlet) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, pathSpec);
    return this;
  }

  /** Adds {@code filter} after the first one, mapped for {@code dispatches}, async supported. */
  public TestServer filterAfter(Filter filter, EnumSet<DispatcherType> dispatches) {
    FilterHolder holder = new FilterHolder(filter);
    holder.setAsyncSupported(true);
    context.addFilter(holder, "/*", dispatches);
    return this;
  }

  /** Puts {@code filter} before every other, mapped for REQUEST only, async supported. */
  public TestServer filterFirst(Filter filter) {
    FilterHolder holder = new FilterHolder(filter);
    holder.setName("first");
    holder.setAsyncSupported(true);
    context.getServletHandler().addFilter(holder);
    FilterMapping mapping = new FilterMapping();
    mapping.setFilterName("first");
    mapping.setPathSpec("/*");
    mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    context.getServletHandler().prependFilterMapping(mapping);
    return this;
  }

  /** Routes error responses (500) to {@code path}, as a web.xml error-page would. */
  public TestServer errorPage(String path) {
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(500, path);
    context.setErrorHandler(errors);
    return this;
  }

  /** Puts a core handler in front of the servlet context (a container integration). */
  TestServer inFront(Handler.Wrapper wrapper) {
    wrapper.setHandler(context);
    server.setHandler(wrapper);
    return this;
  }

  ServletContextHandler context() {
    return context;
  }

  public TestServer start() throws Exception {
    server.start();
    return this;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  public int port() {
    return connector.getLocalPort();
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** GET with a {@code Cookie} header, unless {@code cookie} is null or empty. */
  public HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null && !cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return send(b.build());
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
