package dev.armet.server;

import dev.armet.event.SecurityEventSink;
import dev.armet.internal.server.acme.AcmeCertificateSelector;
import dev.armet.internal.server.acme.CertificateManager;
import dev.armet.internal.server.acme.ChallengeResponses;
import dev.armet.internal.server.acme.StoredCertificate;
import dev.armet.server.acme.AcmeConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Joins the ACME manager to the HTTPS connector: the stored certificate (or, before the first one,
 * a throw-away placeholder that no handshake is ever given) to start with, and every issued
 * certificate put into service through the same hot reload as renewed files.
 */
final class AcmeServing implements AutoCloseable {
  private final CertificateManager manager;
  private final AcmeCertificateSelector selector;
  private final ServerCertificate initial;
  private volatile SslContextFactory.Server tls;
  private volatile ServerCertificate current;

  private AcmeServing(ArmetServerConfig config, AcmeConfig acme) throws IOException {
    this.selector = new AcmeCertificateSelector(new ChallengeResponses());
    this.manager =
        CertificateManager.create(
            acme,
            config.dataDirectory(),
            selector.responses(),
            this::install,
            SecurityEventSink.logging());
    Optional<StoredCertificate> stored = manager.stored();
    if (stored.isPresent()) {
      initial = new ServerCertificate(stored.get().chain(), stored.get().key());
      selector.certificateReady();
    } else {
      DevelopmentCertificate placeholder =
          DevelopmentCertificate.generate(Clock.systemUTC().instant());
      initial = new ServerCertificate(List.of(placeholder.certificate()), placeholder.privateKey());
    }
    current = initial;
  }

  static AcmeServing create(ArmetServerConfig config) throws IOException {
    return new AcmeServing(config, config.tls().acme().orElseThrow());
  }

  ServerCertificate initialCertificate() {
    return initial;
  }

  AcmeCertificateSelector selector() {
    return selector;
  }

  CertificateManager manager() {
    return manager;
  }

  /** Starts ordering or renewing, installing into {@code factory}. */
  void start(SslContextFactory.Server factory) {
    this.tls = factory;
    manager.start();
  }

  /** The certificate new handshakes get (the placeholder, never presented, before the first). */
  ServerCertificate current() {
    return current;
  }

  private void install(StoredCertificate issued) throws Exception {
    ServerCertificate next = new ServerCertificate(issued.chain(), issued.key());
    TlsSetup.reload(tls, next);
    current = next;
    selector.certificateReady();
  }

  @Override
  public void close() {
    manager.close();
  }
}
