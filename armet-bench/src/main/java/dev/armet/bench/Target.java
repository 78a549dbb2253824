package dev.armet.bench;

import dev.armet.internal.server.PreEncodedSecurityHeaders;
import dev.armet.servlet.ArmetFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty 12 server under load: a hello-world servlet on a loopback random port, with or without
 * a filter. Every target is configured identically but for that filter, so the difference between
 * two targets is the filter's cost. The harness serves each in a JVM of its own ({@link #open},
 * {@link TargetProcess}); {@link LoadProfile} and {@code --same-jvm} in this one. The {@code
 * express*} targets are the exception: a node child process ({@link ExpressStack}), compared with
 * the same load and pre-check, plain HTTP only.
 */
final class Target implements AutoCloseable {
  private final String name;

  /** Null for an {@code express*} target, as are {@link #connector} and {@link #http}. */
  private final Server server;

  private final ServerConnector connector;
  private final HttpConfiguration http;

  /** The node process of an {@code express*} target, or null. */
  private ExpressStack express;

  /** The JVM of a Java target that runs in a JVM of its own ({@link #open}), or null. */
  private TargetProcess jvm;

  /** The HTTPS connector under {@code --tls} / {@code --h2}, or null. */
  private ServerConnector secure;

  private Transport transport = Transport.HTTP;
  private java.net.http.HttpClient.Builder client = java.net.http.HttpClient.newBuilder();

  /** What the load sends as {@code Cookie} (a signed-in session), or null. */
  private String cookie;

  /** The full-stack setup of this target (session, limiter, stores), or null for the others. */
  private FullStack stack;

  private Target(String name, Server server, ServerConnector connector, HttpConfiguration http) {
    this.name = name;
    this.server = server;
    this.connector = connector;
    this.http = http;
  }

  /** Starts a target; {@code filter} null is the bare baseline. */
  static Target start(String name, Filter filter) throws Exception {
    return start(name, filter, false);
  }

  private static Target start(String name, Filter filter, boolean preEncoded) throws Exception {
    return start(
        name, filter, preEncoded ? PreEncodedHeadersHandler::new : UnaryOperator.identity());
  }

  /** A target whose servlet context sits behind {@code front} (a core handler, or itself). */
  private static Target start(String name, Filter filter, UnaryOperator<Handler> front)
      throws Exception {
    return start(name, filter, front, null);
  }

  /**
   * The general form: {@code stack} (may be null) adds the session servlet, the sign-in route and
   * whatever else a full-stack target installs in the context.
   */
  static Target start(String name, Filter filter, UnaryOperator<Handler> front, FullStack stack)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName(name);
    threads.setIdleTimeout(3_600_000); // no thread churn between rounds
    if (Boolean.getBoolean("armet.bench.virtualThreads")) {
      // Requests on virtual threads: one blocked on a store parks its continuation, not an OS
      // thread (how a deployment on Jetty 12 and JDK 21+ may run blocking stores).
      threads.setVirtualThreadsExecutor(
          java.util.concurrent.Executors.newThreadPerTaskExecutor(
              Thread.ofVirtual().name(name + "-vt-", 0).factory()));
    }
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context =
        new ServletContextHandler(
            stack != null && stack.containerSessions() ? ServletContextHandler.SESSIONS : 0);
    context.setContextPath("/");
    if (stack == null) {
      context.addServlet(new ServletHolder(new HelloServlet()), "/");
    } else {
      stack.install(context);
    }
    if (filter != null && stack != null && stack.async()) {
      FilterHolder holder = new FilterHolder(filter);
      holder.setAsyncSupported(true);
      context.addFilter(
          holder,
          "/*",
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    } else if (filter != null) {
      context.addFilter(
          new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
    }
    server.setHandler(front.apply(context));
    server.start();
    Target t = new Target(name, server, connector, http);
    t.stack = stack;
    return t;
  }

  /**
   * A named target: {@code bare}, {@code armet}, {@code armet+nonce}, or the controls {@code
   * noop-filter} and {@code headers-only} ({@link StaticHeadersFilter}), and the prototype {@code
   * preencoded-headers} ({@link PreEncodedHeadersHandler}); {@code armet-fastpath} and {@code
   * armet-fastpath+nonce} are {@code armet} and {@code armet+nonce} behind armet-server's {@link
   * PreEncodedSecurityHeaders}, as {@code ArmetServer} runs them; {@code armet-headers} and {@code
   * armet-headers-fastpath} the same without sessions and CSRF, to isolate the headers.
   */
  static Target start(String name) throws Exception {
    if (ExpressStack.isTarget(name)) {
      Target t = new Target(name, null, null, null);
      t.express = ExpressStack.start(name);
      return t;
    }
    return switch (name) {
      case "bare" -> start(name, null);
      case "armet" -> start(name, ArmetFilter.defaults());
      case "armet+nonce" ->
          start(
              name,
              ArmetFilter.create(
                  a -> a.headers(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src")))));
      case "noop-filter" -> start(name, StaticHeadersFilter.none());
      case "headers-only" -> start(name, StaticHeadersFilter.armetDefaults());
      case "preencoded-headers" -> start(name, null, true);
      case "armet-fastpath" -> fastPath(name, ArmetFilter.defaults());
      case "armet-fastpath+nonce" ->
          fastPath(
              name,
              ArmetFilter.create(
                  a -> a.headers(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src")))));
      case "armet-headers" -> start(name, headersOnly());
      case "armet-headers-fastpath" -> fastPath(name, headersOnly());
      case "armet-full",
          "armet-full-fastpath",
          "armet-full-redis",
          "armet-full-redis-sync",
          "armet-full-jdbc",
          "jetty-session",
          "spring-security",
          "bucket4j",
          "armet-ratelimit" ->
          FullStack.start(name);
      default ->
          throw new IllegalArgumentException(
              "unknown target "
                  + name
                  + "; targets: bare, armet, armet+nonce, noop-filter, headers-only, preencoded-headers,"
                  + " armet-fastpath, armet-fastpath+nonce, armet-headers, armet-headers-fastpath,"
                  + " armet-full, armet-full-fastpath, armet-full-redis, armet-full-redis-sync,"
                  + " armet-full-jdbc, jetty-session,"
                  + " spring-security, bucket4j, armet-ratelimit, express, express-redis,"
                  + " express-redis-cluster");
    };
  }

  /**
   * A named target as the harness loads it: a Java one in a JVM of its own when {@code ownJvm}
   * ({@link TargetProcess}), else in this JVM; serving HTTPS with {@code tls} under a secure {@code
   * transport} (null for plain HTTP).
   */
  static Target open(String name, BenchTls tls, Transport transport, boolean ownJvm)
      throws Exception {
    if (!ownJvm || ExpressStack.isTarget(name)) {
      Target t = start(name);
      if (tls != null) {
        t.serveTls(tls, transport);
      }
      return t;
    }
    Target t = new Target(name, null, null, null);
    t.jvm = TargetProcess.start(name, transport, tls == null ? null : tls.file());
    if (tls != null) {
      t.trust(tls, transport);
    }
    return t;
  }

  /** ArmetFilter with its header policy only: no sessions, no CSRF (they cost per request too). */
  private static ArmetFilter headersOnly() {
    return ArmetFilter.create(a -> a.noSessions().noCsrf());
  }

  /**
   * The filter behind armet-server's {@link PreEncodedSecurityHeaders}, as ArmetServer installs it.
   */
  private static Target fastPath(String name, ArmetFilter filter) throws Exception {
    return start(name, filter, context -> PreEncodedSecurityHeaders.wrap(filter, context));
  }

  String name() {
    return name;
  }

  /** The {@code Cookie} header every load request sends, or null. */
  String cookie() {
    return cookie;
  }

  void cookie(String value) {
    this.cookie = value;
  }

  FullStack stack() {
    return stack;
  }

  /** Whether the target signs a user in and answers from the session (the full-stack ones). */
  boolean readsSession() {
    if (jvm != null) {
      return jvm.readsSession();
    }
    return express != null || (stack != null && stack.readsSession());
  }

  /** How often the target's limiter has decided so far, or null for a target without one. */
  java.util.function.LongSupplier limiterDecisions() {
    if (express != null) {
      return express::limiterDecisions;
    }
    if (jvm != null) {
      return jvm.hasLimiter() ? jvm::limiterDecisions : null;
    }
    return stack == null || stack.limiterCalls() == null ? null : stack.limiterCalls()::sum;
  }

  /** CPU and allocation so far of the process serving this target: a JVM, or node. */
  ServerCounters counters() {
    if (jvm != null) {
      return jvm.counters();
    }
    return express != null ? express.counters() : ServerCounters.now();
  }

  /**
   * Adds an HTTPS connector beside the plain one, as armet-server assembles it (TLS, then ALPN
   * choosing h2 or http/1.1 over the same HTTP configuration, plus {@link SecureRequestCustomizer}
   * so that the filters see a secure request), and makes it what {@link #url()} names.
   */
  void serveTls(BenchTls tls, Transport transport) throws Exception {
    if (express != null) {
      throw new IllegalArgumentException(
          name + " serves plain HTTP only: run the express targets without --tls or --h2");
    }
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer(false, true, -1, false));
    HttpConnectionFactory http11 = new HttpConnectionFactory(https);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http11.getProtocol());
    ServerConnector c =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls.serverFactory(), alpn.getProtocol()),
            alpn,
            h2,
            http11);
    c.setHost("127.0.0.1");
    c.setPort(0);
    server.addConnector(c);
    c.start();
    this.secure = c;
    trust(tls, transport);
  }

  /** Makes the pre-check's client trust the bench certificate and ask for {@code transport}. */
  private void trust(BenchTls tls, Transport transport) throws Exception {
    this.transport = transport;
    this.client =
        java.net.http.HttpClient.newBuilder()
            .sslContext(tls.clientContext())
            .version(transport.version());
  }

  /** The transport the load and the pre-check use. */
  Transport transport() {
    return transport;
  }

  /** A client for the pre-check: trusts the bench certificate and asks for the load's protocol. */
  java.net.http.HttpClient newClient() {
    return client.build();
  }

  String url() {
    return transport.scheme() + "://127.0.0.1:" + port() + "/";
  }

  int port() {
    if (express != null) {
      return express.port();
    }
    if (jvm != null) {
      return jvm.port();
    }
    return (secure != null ? secure : connector).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    if (jvm != null) {
      jvm.close();
      return;
    }
    if (express != null) {
      express.close();
      return;
    }
    server.stop();
    if (stack != null) {
      stack.close();
    }
  }
}
