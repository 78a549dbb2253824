package dev.armet.internal.server.acme;

import dev.armet.spi.SharedRecordStore.Lease;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the order lease every third of its duration while an order runs, on its own thread (the
 * ordering thread blocks on the CA). A renewal that is refused or fails is logged: the fenced save
 * then refuses too, so a lost lease can never lead to a second certificate overwriting the next
 * holder's.
 */
final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");

  private final ScheduledExecutorService timer;

  private LeaseKeeper(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Keeps {@code lease} alive in {@code store}; nothing to do for a store that is not shared. */
  static LeaseKeeper keep(CertificateStore store, Lease lease, Duration ttl) {
    if (!store.shared()) {
      return new LeaseKeeper(null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "armet-acme-lease");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(100, ttl.toMillis() / 3);
    timer.scheduleAtFixedRate(
        () -> renew(store, lease, ttl), period, period, TimeUnit.MILLISECONDS);
    return new LeaseKeeper(timer);
  }

  private static void renew(CertificateStore store, Lease lease, Duration ttl) {
    try {
      Optional<Lease> renewed = store.lease(ttl);
      if (renewed.isEmpty() || renewed.get().token() != lease.token()) {
        LOG.warn(
            "the ACME order lease (token {}) passed to another instance; this order's certificate will not "
                + "be stored",
            lease.token());
        renewed.ifPresent(other -> releaseQuietly(store, other));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("renewing the ACME order lease failed: {}", e.getMessage());
    }
  }

  private static void releaseQuietly(CertificateStore store, Lease lease) {
    try {
      store.release(lease);
    } catch (IOException e) {
      LOG.debug("releasing a lease taken by a late renewal failed", e);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
