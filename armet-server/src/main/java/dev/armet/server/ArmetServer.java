package dev.armet.server;

import dev.armet.check.Finding;
import dev.armet.check.SelfCheck;
import dev.armet.check.SelfCheckReport;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.server.acme.AcmeCertificateManager;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hardened Jetty 12: HTTPS, a plain-HTTP connector that only redirects to HTTPS, the {@code
 * ArmetFilter} on every request, and error pages that never reveal the server, a stack trace or an
 * exception message in production.
 *
 * <p>Guarantees: no {@code Server} or {@code X-Powered-By} header on any response, Jetty's own
 * errors (400, 431, …) included; {@code TRACE} answered 405; a {@link TlsProfile} (TLS 1.2/1.3 with
 * ECDHE+AEAD only by default), HTTP/2 over ALPN; certificate renewals picked up without a restart;
 * {@link RequestLimits} on every request; redirects go to the configured canonical host, never to
 * the request's {@code Host}; production refuses to start on any self-check error, and never keeps
 * root after binding; a JVM shutdown (SIGTERM, Ctrl-C) lets in-flight requests finish within the
 * stop timeout, then closes the registered resources.
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

  /** sys_startup and sys_shutdown, on the armet.security logger (docs/EVENTS.md). */
  private static final SecurityEventSink EVENTS = SecurityEventSink.logging();

  private final ArmetServerConfig config;
  private Server server;
  private ServerConnector https;
  private ServerConnector http;
  private X509Certificate certificate;
  private CertificateWatcher watcher;
  private AcmeServing acme;
  private RevocationWatch revocations;

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
   * Runs the self-check, loads the certificate, binds both ports, switches to the configured user
   * (verifying every thread), then starts accepting connections.
   *
   * @throws IOException when a port cannot be bound or the certificate cannot be read
   * @throws StartupRefusedException in production when a self-check finds an error
   * @throws IllegalStateException when the privilege drop fails; when called twice
   */
  public synchronized ArmetServer start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("this ArmetServer was already started");
    }
    SelfCheckReport report = selfCheck();
    for (Finding f : report.findings()) {
      switch (f.severity()) {
        case ERROR -> LOG.error("self-check: {}", f);
        case WARNING -> LOG.warn("self-check: {}", f);
        case INFO -> LOG.debug("self-check: {}", f);
      }
    }
    if (config.environment().isProduction() && report.hasErrors()) {
      throw new StartupRefusedException(report);
    }
    PrivilegeDrop.Target target =
        config.user() == null ? null : PrivilegeDrop.resolve(config.user(), config.group());
    byte[] certificateDigest = CertificateWatcher.digest(config.tls().certificateFiles());
    OcspStapling.enable(); // before the first TLS context of the process: SunJSSE reads it once
    AcmeServing ordering = config.tls().acme().isPresent() ? AcmeServing.create(config) : null;
    ServerCertificate cert = ordering != null ? ordering.initialCertificate() : loadCertificate();
    ServerAssembly parts =
        ServerAssembly.create(config, cert, ordering == null ? null : ordering.selector());
    server = parts.server();
    https = parts.https();
    http = parts.http();
    certificate = cert.leaf();
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStopped(LifeCycle event) {
            closeResources(); // also on JVM shutdown (SIGTERM), where Jetty stops the server itself
            EVENTS.record(SecurityEvent.of("sys_shutdown").with("mode", config.environment()));
          }
        });
    try {
      https.open(); // bind as root, before any privilege is given up
      http.open();
      if (target != null) {
        PrivilegeDrop.apply(target);
        ProcessCredentials.verifyAllThreads(target.uid(), target.gid());
        LOG.info(
            "running as {}:{} (uid {}, gid {}); every thread checked",
            target.user(),
            target.group(),
            target.uid(),
            target.gid());
      }
      server.start();
    } catch (IOException | RuntimeException e) {
      stopQuietly();
      throw e;
    } catch (Exception e) {
      stopQuietly();
      throw new IOException("the server could not start: " + e.getMessage(), e);
    }
    if (ordering != null) {
      acme = ordering;
      ordering.start(parts.tls());
    }
    if (config.tls().hasCertificate()) {
      watcher =
          new CertificateWatcher(
              config.tls(), parts.tls(), cert, certificateDigest, Clock.systemUTC());
      watcher.warnIfExpiring();
      watcher.start();
    }
    revocations = new RevocationWatch(this::servedChain, EVENTS, Duration.ofHours(1));
    revocations.start();
    LOG.info(
        "armet server started in {} mode: {} (HTTP {} redirects to it)",
        config.environment(),
        httpsUri(),
        httpUri());
    EVENTS.record(
        SecurityEvent.of("sys_startup")
            .with("mode", config.environment())
            .with("https", httpsUri())
            .with("http", httpUri()));
    return this;
  }

  /**
   * The start-up self-check without starting: the server's own findings (TLS, certificate, headers,
   * user, limits) and those of every registered {@link SelfCheck}.
   */
  public SelfCheckReport selfCheck() {
    List<SelfCheck> checks = new ArrayList<>();
    checks.add(new ServerSelfCheck(config, Clock.systemUTC()));
    checks.addAll(config.selfChecks());
    return SelfCheckReport.run(config.environment(), checks);
  }

  private ServerCertificate loadCertificate() throws IOException {
    if (config.tls().hasCertificate()) {
      return ServerCertificate.load(config.tls());
    }
    DevelopmentCertificate dev =
        DevelopmentCertificate.loadOrCreate(config.dataDirectory(), Clock.systemUTC());
    return new ServerCertificate(List.of(dev.certificate()), dev.privateKey());
  }

  /** The chain new handshakes get. */
  private List<X509Certificate> servedChain() {
    return acme != null
        ? acme.current().chain()
        : watcher != null
            ? watcher.current().chain()
            : server == null ? List.of() : List.of(certificate);
  }

  private void closeResources() {
    if (revocations != null) {
      revocations.close();
    }
    if (watcher != null) {
      watcher.close();
    }
    if (acme != null) {
      acme.close();
    }
    for (AutoCloseable resource : config.closeOnStop()) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} after the stop failed", resource, e);
      }
    }
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

  /** The certificate the HTTPS connector presents (the renewed one after a reload). */
  public X509Certificate certificate() {
    requireStarted();
    return acme != null
        ? acme.current().leaf()
        : watcher == null ? certificate : watcher.current().leaf();
  }

  /**
   * The ACME manager when {@code tls.acme.*} is configured (its status, the served certificate).
   */
  public Optional<AcmeCertificateManager> acme() {
    return Optional.ofNullable(acme).map(AcmeServing::manager);
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
