package dev.armet.server.acme;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the HTTPS connector supplied with an ACME certificate: serves the stored one at once
 * when it still covers the domains, orders one at start-up when there is none, renews it (see
 * {@link RenewalPolicy}), and after a failure waits with back-off and jitter before the next
 * attempt. One thread does all of it, so there is never more than one order in flight.
 *
 * <p>Each success and failure is a security event ({@code tls_certificate_issued},
 * {@code tls_certificate_failed}) and is written to {@code status.properties} for {@code armet doctor}.
 */
public final class AcmeCertificateManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");

  private final AcmeConfig config;
  private final AcmeStore store;
  private final AcmeIssuer issuer;
  private final CertificateInstaller installer;
  private final SecurityEventSink events;
  private final Clock clock;
  private final RenewalPolicy policy;
  private final ScheduledExecutorService scheduler;
  private volatile StoredCertificate current;
  private volatile AcmeStatus status = AcmeStatus.healthy(null);
  private volatile int attempts;

  AcmeCertificateManager(AcmeConfig config, AcmeStore store, ChallengeResponses responses, CertificateInstaller installer,
      SecurityEventSink events, Clock clock, RandomGenerator random) {
    this.config = config;
    this.store = store;
    this.issuer = new AcmeIssuer(config, store, responses, clock);
    this.installer = installer;
    this.events = events;
    this.clock = clock;
    this.policy = new RenewalPolicy(config.minimumBackoff(), config.maximumBackoff(), random);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "armet-acme");
      t.setDaemon(true);
      return t;
    });
  }

  /** A manager keeping its files under {@code dataDirectory/acme}. */
  public static AcmeCertificateManager create(AcmeConfig config, Path dataDirectory, ChallengeResponses responses,
      CertificateInstaller installer, SecurityEventSink events) {
    return new AcmeCertificateManager(config, AcmeStore.in(dataDirectory, config.directory()), responses, installer,
        events, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * The stored certificate when it can be served now and names every configured domain, so a
   * restart serves at once and orders nothing; empty otherwise.
   */
  public Optional<StoredCertificate> stored() {
    try {
      Optional<StoredCertificate> s = store.certificate()
          .filter(c -> c.isValidAt(clock.instant()) && c.covers(config.domains()));
      s.ifPresent(c -> current = c);
      return s;
    } catch (IOException e) {
      LOG.warn("the stored ACME certificate cannot be used ({}); ordering a new one", e.getMessage());
      return Optional.empty();
    }
  }

  /** Schedules the first order (now when nothing is served) or the renewal of the served certificate. */
  public void start() {
    Instant next = current == null ? clock.instant() : policy.renewalTime(current);
    schedule(next);
  }

  /** The certificate in service, if any. */
  public Optional<StoredCertificate> current() {
    return Optional.ofNullable(current);
  }

  public AcmeStatus status() {
    return status;
  }

  /** Orders attempted since start (successful or not). */
  public int attempts() {
    return attempts;
  }

  private void schedule(Instant at) {
    if (scheduler.isShutdown()) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    status = new AcmeStatus(status.consecutiveFailures(), status.lastFailure(), status.lastError(), at);
    if (current != null && delay > 0) {
      LOG.info("the ACME certificate for {} (expires {}) will be renewed at {}", config.domains(),
          current.notAfter(), at);
    }
    scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
  }

  private void attempt() {
    attempts++;
    StoredCertificate previous = current;
    try {
      StoredCertificate issued = issuer.order(previous == null ? null : previous.leaf());
      store.save(issued);
      installer.install(issued);
      current = issued;
      Instant renewal = policy.renewalTime(issued);
      publish(AcmeStatus.healthy(renewal));
      LOG.info("{} the ACME certificate for {} (serial {}, expires {})", previous == null ? "obtained" : "renewed",
          config.domains(), issued.leaf().getSerialNumber().toString(16), issued.notAfter());
      events.record(SecurityEvent.of("tls_certificate_issued").with("domains", String.join(",", config.domains()))
          .with("expires", issued.notAfter()).with("renewal", previous != null));
      schedule(renewal);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (Exception e) {
      Duration retryAfter = e instanceof AcmeFailure f ? f.retryAfter() : null;
      Duration wait = policy.backoff(status.consecutiveFailures() + 1, retryAfter);
      Instant now = clock.instant();
      Instant retryAt = now.plus(wait);
      if (current != null && retryAt.isAfter(current.notAfter()) && now.isBefore(current.notAfter())) {
        LOG.warn("the next ACME attempt ({}) falls after the served certificate expires ({})", retryAt,
            current.notAfter());
      }
      publish(status.failed(now, e.getMessage(), retryAt));
      LOG.warn("ordering the ACME certificate for {} failed ({} in a row); next attempt at {}: {}", config.domains(),
          status.consecutiveFailures(), retryAt, e.getMessage());
      events.record(SecurityEvent.of("tls_certificate_failed").with("domains", String.join(",", config.domains()))
          .with("failures", status.consecutiveFailures()).with("error", e.getMessage()).with("retry", retryAt));
      schedule(retryAt);
    }
  }

  /** Writes the status file first, so whoever sees the new status in memory finds it on disk too. */
  private void publish(AcmeStatus next) {
    try {
      store.saveStatus(next);
    } catch (IOException e) {
      LOG.warn("cannot write the ACME status file in {}: {}", store.folder(), e.getMessage());
    }
    status = next;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
