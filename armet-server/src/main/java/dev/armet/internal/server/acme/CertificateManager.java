package dev.armet.internal.server.acme;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.server.acme.AcmeCertificateManager;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.server.acme.AcmeStatus;
import dev.armet.spi.SharedRecordStore.Lease;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
 * Keeps the HTTPS connector supplied with an ACME certificate: serves the stored one at once when
 * it still covers the domains, orders one at start-up when there is none, renews it (see {@link
 * RenewalPolicy}), and after a failure waits with back-off and jitter before the next attempt. One
 * thread does all of it, so there is never more than one order in flight here.
 *
 * <p>With a shared store ({@link AcmeConfig#sharedStore()}) only the instance holding the order
 * lease orders; the others look at the store with a back-off from 250 ms up to {@link
 * AcmeConfig#pollInterval()} until its certificate is there, then put it in service (hot reload),
 * and keep looking every poll interval for renewals made elsewhere. A failed order's back-off is
 * shared too, so a fleet retries as rarely as one instance.
 *
 * <p>Each success and failure is a security event ({@code tls_certificate_issued}, {@code
 * tls_certificate_adopted}, {@code tls_certificate_failed}, {@code tls_certificate_unreadable}) and
 * the status is stored for {@code armet doctor}.
 */
public final class CertificateManager implements AcmeCertificateManager, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");
  private static final Duration FIRST_POLL = Duration.ofMillis(250);

  private final AcmeConfig config;
  private final CertificateStore store;
  private final AcmeIssuer issuer;
  private final CertificateInstaller installer;
  private final SecurityEventSink events;
  private final Clock clock;
  private final RenewalPolicy policy;
  private final ScheduledExecutorService scheduler;
  private volatile StoredCertificate current;
  private volatile Instant renewAt;
  private volatile AcmeStatus status = new AcmeStatus(0, null, null, null);
  private volatile int attempts;
  private int waits;
  private volatile String reportedProblem;

  CertificateManager(
      AcmeConfig config,
      CertificateStore store,
      ChallengeResponses responses,
      CertificateInstaller installer,
      SecurityEventSink events,
      Clock clock,
      RandomGenerator random) {
    this.config = config;
    this.store = store;
    this.issuer = new AcmeIssuer(config, store, responses, clock);
    this.installer = installer;
    this.events = events;
    this.clock = clock;
    this.policy = new RenewalPolicy(config.minimumBackoff(), config.maximumBackoff(), random);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "armet-acme");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A manager keeping its records in the configured shared store, or else under {@code
   * dataDirectory/acme}.
   */
  public static CertificateManager create(
      AcmeConfig config,
      Path dataDirectory,
      ChallengeResponses responses,
      CertificateInstaller installer,
      SecurityEventSink events) {
    CertificateStore store = CertificateStore.of(config, dataDirectory);
    if (store instanceof SharedAcmeStore shared) {
      responses.share(shared.challenges());
      responses.shareAlpn(shared.alpnAnswers());
    }
    return new CertificateManager(
        config, store, responses, installer, events, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * The stored certificate when it can be served now and names every configured domain, so a
   * restart (or a new instance) serves at once and orders nothing; empty otherwise.
   */
  public Optional<StoredCertificate> stored() {
    Optional<StoredCertificate> s = look();
    s.ifPresent(this::serve);
    return s;
  }

  /** Schedules the first order (now when nothing is served) or the next look and renewal. */
  public void start() {
    LOG.info("ACME certificates for {} are kept in {}", config.domains(), store.where());
    schedule(current == null ? clock.instant() : nextLook());
  }

  @Override
  public Optional<X509Certificate> current() {
    return Optional.ofNullable(current).map(StoredCertificate::leaf);
  }

  @Override
  public AcmeStatus status() {
    return status;
  }

  @Override
  public int attempts() {
    return attempts;
  }

  private void schedule(Instant at) {
    if (scheduler.isShutdown()) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    status =
        new AcmeStatus(status.consecutiveFailures(), status.lastFailure(), status.lastError(), at);
    scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * The next look at the store: the renewal, and with a shared store at most a poll interval away.
   */
  private Instant nextLook() {
    Instant poll = clock.instant().plus(config.pollInterval());
    return store.shared() && poll.isBefore(renewAt) ? poll : renewAt;
  }

  private void tick() {
    UnreadableRecordException problem = null;
    Optional<StoredCertificate> inStore;
    try {
      inStore = store.certificate().filter(this::usable);
      reportedProblem = null;
    } catch (UnreadableRecordException e) {
      problem = e;
      report(e);
      inStore = Optional.empty();
    } catch (IOException e) {
      LOG.warn(
          "the ACME store cannot be read now ({}); keeping the served certificate", e.getMessage());
      inStore = Optional.empty();
    }
    if (inStore.isPresent() && isNewer(inStore.get())) {
      adopt(inStore.get());
    }
    if (current != null && clock.instant().isBefore(renewAt)) {
      schedule(nextLook());
    } else if (problem != null && !problem.replaceable()) {
      fail(problem, null);
    } else {
      orderUnderLease();
    }
  }

  private void orderUnderLease() {
    Optional<Lease> lease;
    try {
      lease = store.lease(config.leaseDuration());
    } catch (IOException e) {
      fail(e, null);
      return;
    }
    if (lease.isEmpty()) {
      waits++;
      Duration wait = FIRST_POLL.multipliedBy(1L << Math.min(waits - 1, 20));
      wait = wait.compareTo(config.pollInterval()) > 0 ? config.pollInterval() : wait;
      LOG.debug("another instance holds the ACME order lease; looking again in {}", wait);
      schedule(clock.instant().plus(wait));
      return;
    }
    waits = 0;
    try (LeaseKeeper keeper = LeaseKeeper.keep(store, lease.get(), config.leaseDuration())) {
      if (!deferred()) {
        order(lease.get());
      }
    } finally {
      try {
        store.release(lease.get());
      } catch (IOException e) {
        LOG.debug("releasing the ACME order lease failed; it expires by itself", e);
      }
    }
  }

  /**
   * Under the lease, whether ordering must wait after all: another instance stored a certificate
   * between our look and the grant, or failed recently and set the shared back-off.
   */
  private boolean deferred() {
    if (!store.shared()) {
      return false;
    }
    try {
      Optional<StoredCertificate> fresh = store.certificate().filter(this::usable);
      if (fresh.isPresent() && isNewer(fresh.get())) {
        adopt(fresh.get());
        if (clock.instant().isBefore(renewAt)) {
          schedule(nextLook());
          return true;
        }
      }
      AcmeStatus shared = store.status();
      if (shared.consecutiveFailures() > 0
          && shared.nextAttempt() != null
          && clock.instant().isBefore(shared.nextAttempt())) {
        status = shared;
        LOG.info(
            "another instance's ACME order failed; the next attempt waits until {}",
            shared.nextAttempt());
        schedule(shared.nextAttempt());
        return true;
      }
    } catch (UnreadableRecordException e) {
      return false; // a damaged record: ordering replaces it (a foreign one was refused before)
    } catch (IOException e) {
      fail(e, null);
      return true;
    }
    return false;
  }

  private void order(Lease lease) {
    attempts++;
    StoredCertificate previous = current;
    try {
      StoredCertificate issued = issuer.order(previous == null ? null : previous.leaf(), lease);
      if (!store.save(issued, lease)) {
        LOG.warn(
            "the ACME order lease passed to another instance before the certificate was stored; "
                + "serving the one it stores instead");
        schedule(clock.instant().plus(FIRST_POLL));
        return;
      }
      installer.install(issued);
      serve(issued);
      publish(new AcmeStatus(0, null, null, renewAt));
      LOG.info(
          "{} the ACME certificate for {} (serial {}, expires {})",
          previous == null ? "obtained" : "renewed",
          config.domains(),
          issued.leaf().getSerialNumber().toString(16),
          issued.notAfter());
      events.record(
          SecurityEvent.of("tls_certificate_issued")
              .with("domains", String.join(",", config.domains()))
              .with("expires", issued.notAfter())
              .with("renewal", previous != null));
      schedule(nextLook());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (Exception e) {
      fail(e, e instanceof AcmeFailure f ? f.retryAfter() : null);
    }
  }

  private void fail(Exception e, Duration retryAfter) {
    Duration wait = policy.backoff(status.consecutiveFailures() + 1, retryAfter);
    Instant now = clock.instant();
    Instant retryAt = now.plus(wait);
    if (current != null
        && retryAt.isAfter(current.notAfter())
        && now.isBefore(current.notAfter())) {
      LOG.warn(
          "the next ACME attempt ({}) falls after the served certificate expires ({})",
          retryAt,
          current.notAfter());
      events.record(
          SecurityEvent.of("tls_certificate_expiring")
              .with("domains", String.join(",", config.domains()))
              .with("expires", current.notAfter())
              .with("retry", retryAt));
    }
    publish(new AcmeStatus(status.consecutiveFailures() + 1, now, e.getMessage(), retryAt));
    LOG.warn(
        "ordering the ACME certificate for {} failed ({} in a row); next attempt at {}: {}",
        config.domains(),
        status.consecutiveFailures(),
        retryAt,
        e.getMessage());
    events.record(
        SecurityEvent.of("tls_certificate_failed")
            .with("domains", String.join(",", config.domains()))
            .with("failures", status.consecutiveFailures())
            .with("error", e.getMessage())
            .with("retry", retryAt));
    schedule(retryAt);
  }

  /** Puts the certificate another instance stored into service. */
  private void adopt(StoredCertificate stored) {
    try {
      installer.install(stored);
    } catch (Exception e) {
      LOG.warn(
          "the ACME certificate in {} cannot be put in service: {}", store.where(), e.getMessage());
      return;
    }
    serve(stored);
    status = new AcmeStatus(0, null, null, renewAt);
    LOG.info(
        "serving the ACME certificate for {} another instance obtained (serial {}, expires {})",
        config.domains(),
        stored.leaf().getSerialNumber().toString(16),
        stored.notAfter());
    events.record(
        SecurityEvent.of("tls_certificate_adopted")
            .with("domains", String.join(",", config.domains()))
            .with("expires", stored.notAfter()));
  }

  private void serve(StoredCertificate certificate) {
    current = certificate;
    renewAt = policy.renewalTime(certificate);
  }

  /**
   * The stored certificate if it reads and can be served now; problems are reported, never thrown.
   */
  private Optional<StoredCertificate> look() {
    try {
      return store.certificate().filter(this::usable);
    } catch (UnreadableRecordException e) {
      report(e);
    } catch (IOException e) {
      LOG.warn(
          "the stored ACME certificate cannot be used ({}); ordering a new one", e.getMessage());
    }
    return Optional.empty();
  }

  private boolean usable(StoredCertificate c) {
    return c.isValidAt(clock.instant()) && c.covers(config.domains());
  }

  /** A different certificate that lasts at least as long as the one served. */
  private boolean isNewer(StoredCertificate c) {
    return current == null
        || !c.leaf().equals(current.leaf()) && !c.notAfter().isBefore(current.notAfter());
  }

  /** Once per distinct problem, so a poll every minute does not repeat the same error. */
  private void report(UnreadableRecordException e) {
    if (e.getMessage().equals(reportedProblem)) {
      return;
    }
    reportedProblem = e.getMessage();
    LOG.error(
        "{} ({})", e.getMessage(), e.replaceable() ? "ordering a new certificate" : "left alone");
    events.record(
        SecurityEvent.of("tls_certificate_unreadable")
            .with("domains", String.join(",", config.domains()))
            .with("error", e.getMessage())
            .with("then", e.replaceable() ? "order" : "wait"));
  }

  /** Writes the status first, so whoever sees the new status in memory finds it stored too. */
  private void publish(AcmeStatus next) {
    try {
      store.saveStatus(next);
    } catch (IOException e) {
      LOG.warn("cannot store the ACME status in {}: {}", store.where(), e.getMessage());
    }
    status = next;
  }

  /**
   * Stops ordering and waits (up to 10 s) for an attempt in progress to end, so nothing writes to
   * the store or the data folder after the server stopped.
   */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("an ACME attempt was still running 10 s after the stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
