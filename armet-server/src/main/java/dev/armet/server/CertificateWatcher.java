package dev.armet.server;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a renewed certificate in service: polls the certificate files' content, and when it changes
 * and the new pair loads and matches, reloads the connector's TLS context (open connections keep
 * their session). A broken or half-written renewal is logged once and the old certificate stays.
 * Also warns daily when the certificate is close to expiry.
 *
 * <p>Polling the content rather than a {@code WatchService}: certbot renews by re-pointing the
 * symbolic links in {@code live/}, which directory watches do not see, and hashing two small files
 * once a minute costs nothing.
 */
final class CertificateWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.tls");
  private static final SecurityEventSink EVENTS = SecurityEventSink.logging();

  private final TlsConfig tls;
  private final SslContextFactory.Server factory;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private volatile ServerCertificate current;
  private byte[] servedDigest;
  private byte[] refusedDigest;

  /**
   * @param servedDigest {@link #digest} of the files taken before {@code current} was read, so that
   *     a renewal landing in between is still noticed
   */
  CertificateWatcher(
      TlsConfig tls,
      SslContextFactory.Server factory,
      ServerCertificate current,
      byte[] servedDigest,
      Clock clock) {
    this.tls = tls;
    this.factory = factory;
    this.current = current;
    this.clock = clock;
    this.servedDigest = servedDigest;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "armet-tls-watch");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    long poll = tls.reloadInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::checkForRenewal, poll, poll, TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(this::warnIfExpiring, 1, 1, TimeUnit.DAYS);
  }

  ServerCertificate current() {
    return current;
  }

  /** Logs a warning when the served certificate expires within the configured window. */
  void warnIfExpiring() {
    Instant notAfter = current.leaf().getNotAfter().toInstant();
    Duration left = Duration.between(clock.instant(), notAfter);
    if (left.compareTo(tls.expiryWarning()) < 0) {
      LOG.warn(
          "the TLS certificate {} expires {} ({} days left); renew it",
          current.leaf().getSubjectX500Principal(),
          notAfter,
          Math.max(0, left.toDays()));
      EVENTS.record(
          SecurityEvent.of("tls_certificate_expiring")
              .with("subject", current.leaf().getSubjectX500Principal().getName())
              .with("expires", notAfter)
              .with("daysLeft", Math.max(0, left.toDays())));
    }
  }

  synchronized void checkForRenewal() {
    try {
      byte[] now = digest(tls.certificateFiles());
      if (now == null || Arrays.equals(now, servedDigest) || Arrays.equals(now, refusedDigest)) {
        return;
      }
      ServerCertificate renewed;
      try {
        renewed = ServerCertificate.load(tls);
      } catch (IOException e) {
        refusedDigest = now; // log a broken file once, not every poll
        LOG.warn(
            "the changed certificate files could not be used; still serving the old certificate "
                + "(expires {}): {}",
            current.leaf().getNotAfter().toInstant(),
            e.getMessage());
        return;
      }
      TlsSetup.reload(factory, renewed);
      current = renewed;
      servedDigest = now;
      refusedDigest = null;
      LOG.info(
          "reloaded the TLS certificate {} (serial {}, expires {})",
          renewed.leaf().getSubjectX500Principal(),
          renewed.leaf().getSerialNumber().toString(16),
          renewed.leaf().getNotAfter().toInstant());
      warnIfExpiring();
    } catch (Exception e) {
      LOG.warn(
          "checking the certificate files for a renewal failed; still serving the old certificate",
          e);
    }
  }

  /** SHA-256 over every file's content (links followed); null while a file is missing. */
  static byte[] digest(List<Path> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        sha.update(Files.readAllBytes(f));
        sha.update((byte) 0);
      }
      return sha.digest();
    } catch (NoSuchFileException e) {
      return null; // mid-rename: look again next time
    } catch (IOException e) {
      LOG.warn("cannot read the certificate files: {}", e.getMessage());
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
