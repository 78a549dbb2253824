package dev.armet.server;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the served certificate's OCSP responder, at start and then every {@code interval}, whether
 * the certificate was revoked; a revoked one is logged as an error and recorded once per
 * certificate as a {@code tls_certificate_revoked} security event. Certificates naming no responder
 * (Let's Encrypt's since 2025, the development certificate) are not checked.
 */
final class RevocationWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.tls");

  private final Supplier<List<X509Certificate>> served;
  private final SecurityEventSink events;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private volatile BigInteger reported;

  RevocationWatch(
      Supplier<List<X509Certificate>> served, SecurityEventSink events, Duration interval) {
    this.served = served;
    this.events = events;
    this.interval = interval;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "armet-ocsp-check");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    scheduler.scheduleWithFixedDelay(
        this::checkOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One look at the served certificate; never throws. */
  void checkOnce() {
    List<X509Certificate> chain = served.get();
    if (chain == null || chain.isEmpty() || OcspStapling.responder(chain.get(0)).isEmpty()) {
      return;
    }
    X509Certificate leaf = chain.get(0);
    try {
      Optional<OcspCheck.Result> result = OcspCheck.check(chain, ServerSelfCheck.OCSP_TIMEOUT);
      if (result.isPresent()
          && result.get().status() == OcspCheck.Status.REVOKED
          && !leaf.getSerialNumber().equals(reported)) {
        reported = leaf.getSerialNumber();
        LOG.error(
            "the served certificate {} (serial {}) was revoked at {} according to {}: replace it",
            leaf.getSubjectX500Principal(),
            leaf.getSerialNumber().toString(16),
            result.get().revokedAt(),
            result.get().responder());
        events.record(
            SecurityEvent.of("tls_certificate_revoked")
                .with("subject", leaf.getSubjectX500Principal().getName())
                .with("serial", leaf.getSerialNumber().toString(16))
                .with("revoked_at", result.get().revokedAt())
                .with("responder", result.get().responder()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot learn the revocation status of the served certificate: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
