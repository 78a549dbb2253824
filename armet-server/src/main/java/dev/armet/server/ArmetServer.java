package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hardened Jetty 12: HTTPS, a plain-HTTP connector that only redirects to HTTPS, the
 * {@code ArmetFilter} on every request, and error pages that never reveal the server, a stack
 * trace or an exception message in production.
 *
 * <p>Guarantees: no {@code Server} or {@code X-Powered-By} header on any response, Jetty's own
 * errors (400, 431, …) included; {@code TRACE} answered 405; TLS 1.2/1.3 with ECDHE+AEAD only;
 * redirects go to the configured canonical host, never to the request's {@code Host}; a JVM
 * shutdown (SIGTERM, Ctrl-C) lets in-flight requests finish, within the stop timeout.
 *
 * <pre>{@code
 * ArmetServer server = ArmetServer.create(c -> c
 *     .httpsPort(8443).httpPort(8080)
 *     .servlet("/", new HelloServlet()))
 *   .start();
 * server.join();
 * }</pre>
 */
public final class ArmetServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server");

  private final ArmetServerConfig config;
  private Server server;
  private ServerConnector https;
  private ServerConnector http;
  private X509Certificate certificate;

  private ArmetServer(ArmetServerConfig config) {
    this.config = config;
  }

  /** A server configured by {@code config}, starting from the defaults; not yet started. */
  public static ArmetServer create(Consumer<ArmetServerConfig.Builder> config) {
    ArmetServerConfig.Builder b = ArmetServerConfig.builder();
    config.accept(b);
    return new ArmetServer(b.build());
  }

  public static ArmetServer create(ArmetServerConfig config) {
    return new ArmetServer(config);
  }

  public ArmetServerConfig config() {
    return config;
  }

  public ArmetEnvironment environment() {
    return config.environment();
  }

  /**
   * Loads (or creates) the certificate, binds both ports and starts serving.
   *
   * @throws IOException when a port cannot be bound or the certificate cannot be read or written
   * @throws IllegalStateException when called twice
   */
  public synchronized ArmetServer start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("this ArmetServer was already started");
    }
    DevelopmentCertificate cert = DevelopmentCertificate.loadOrCreate(config.dataDirectory(), Clock.systemUTC());
    certificate = cert.certificate();
    if (config.environment().isProduction()) {
      LOG.warn("serving the self-signed development certificate in production mode; "
          + "browsers will refuse it (configurable certificates come with the TLS profiles)");
    }
    server = assemble(cert);
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly();
      throw e;
    } catch (Exception e) {
      stopQuietly();
      throw new IOException("the server could not start: " + e.getMessage(), e);
    }
    LOG.info("armet server started in {} mode: {} (HTTP {} redirects to it)",
        config.environment(), httpsUri(), httpUri());
    return this;
  }

  /** Waits until the server has stopped. */
  public void join() throws InterruptedException {
    requireStarted().join();
  }

  /** Stops gracefully: in-flight requests get up to the stop timeout to finish. */
  public synchronized void stop() throws IOException {
    if (server == null || server.isStopped()) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new IOException("the server did not stop cleanly: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** The HTTPS port actually bound (useful with port 0). */
  public int httpsPort() {
    requireStarted();
    return https.getLocalPort();
  }

  /** The HTTP (redirect) port actually bound. */
  public int httpPort() {
    requireStarted();
    return http.getLocalPort();
  }

  /** {@code https://<canonical host>:<port>/}. */
  public URI httpsUri() {
    return URI.create("https://" + config.canonicalHost() + ":" + httpsPort() + "/");
  }

  /** {@code http://<canonical host>:<port>/}. */
  public URI httpUri() {
    return URI.create("http://" + config.canonicalHost() + ":" + httpPort() + "/");
  }

  /** The certificate the HTTPS connector presents. */
  public X509Certificate certificate() {
    requireStarted();
    return certificate;
  }

  private Server assemble(DevelopmentCertificate cert) throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("armet");
    Server s = new Server(threads);

    HttpConfiguration plain = new HttpConfiguration();
    plain.setSendServerVersion(false);
    plain.setSendXPoweredBy(false);
    plain.setRequestHeaderSize(config.maxRequestHeaderBytes());
    // sendRedirect("/x") stays relative: an absolute Location would be built from the Host header.
    plain.setRelativeRedirectAllowed(true);
    plain.setSecureScheme("https");

    HttpConfiguration secure = new HttpConfiguration(plain);
    // HSTS is the filter's job (one policy); SNI is not required because clients omit it for IPs.
    secure.addCustomizer(new SecureRequestCustomizer(false, true, -1, false));

    https = new ServerConnector(s,
        new SslConnectionFactory(TlsSetup.contextFactory(cert.certificate(), cert.privateKey()), "http/1.1"),
        new HttpConnectionFactory(secure));
    https.setName("https");
    https.setHost(config.bindAddress());
    https.setPort(config.httpsPort());

    http = new ServerConnector(s, new HttpConnectionFactory(plain));
    http.setName("http");
    http.setHost(config.bindAddress());
    http.setPort(config.httpPort());
    s.addConnector(https);
    s.addConnector(http);

    HttpsRedirectHandler redirect = new HttpsRedirectHandler(ServletContextAssembly.create(config),
        config.filter().headers(), config.canonicalHost(), https::getLocalPort);
    s.setHandler(new GracefulHandler(new TraceRefusalHandler(redirect)));
    s.setErrorHandler(new ServerErrorHandler(config.filter().headers(), config.environment()));
    s.setStopTimeout(config.stopTimeout().toMillis());
    s.setStopAtShutdown(config.stopAtShutdown());
    return s;
  }

  /** The Jetty server, for tests in this package. */
  Server jetty() {
    return requireStarted();
  }

  private Server requireStarted() {
    if (server == null) {
      throw new IllegalStateException("the server has not been started");
    }
    return server;
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("stop after a failed start", e);
    }
  }
}
