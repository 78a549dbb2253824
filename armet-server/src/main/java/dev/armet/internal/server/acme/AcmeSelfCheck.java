package dev.armet.internal.server.acme;

import dev.armet.check.Finding;
import dev.armet.server.acme.AcmeChallengeType;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.server.acme.AcmeStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code armet doctor} and the start-up check say about ACME, from the data folder or the
 * shared store (so a separate process sees what the server saw): the stored certificate and its
 * expiry, and the last failed order. An expired certificate, and failures while the certificate is
 * about to expire, are errors; other failures are warnings. A missing certificate is only
 * information: the server orders one at start-up.
 */
public final class AcmeSelfCheck {
  private AcmeSelfCheck() {}

  /** The stored certificate, if it reads (for the revocation check); empty otherwise. */
  public static Optional<StoredCertificate> storedCertificate(
      AcmeConfig config, Path dataDirectory) {
    try {
      return CertificateStore.of(config, dataDirectory).certificate();
    } catch (IOException e) {
      return Optional.empty(); // check() reports it
    }
  }

  public static List<Finding> check(
      AcmeConfig config, Path dataDirectory, Duration expiryWarning, Clock clock) {
    List<Finding> out = new ArrayList<>();
    CertificateStore store = CertificateStore.of(config, dataDirectory);
    Instant now = clock.instant();
    out.add(
        Finding.info(
            "acme",
            "certificates for "
                + String.join(", ", config.domains())
                + " from "
                + config.directory()
                + " through "
                + config.challenge()
                + "; kept in "
                + store.where()));
    if (store.shared() && config.keyring().isEmpty()) {
      out.add(
          Finding.warning(
              "acme",
              "the ACME account key and certificate key are kept unencrypted in the shared "
                  + "store: whoever reads the store can impersonate this site",
              "set ARMET_SECRETS (the same on every "
                  + "instance): the records are then sealed with AES-256-GCM"));
    }
    Optional<StoredCertificate> stored;
    AcmeStatus status;
    try {
      stored = store.certificate();
      status = store.status();
    } catch (IOException e) {
      out.add(
          Finding.error(
              "acme",
              "the ACME records cannot be read: " + e.getMessage(),
              store.shared()
                  ? "give every instance the same ARMET_SECRETS and store, or delete the broken record to order anew"
                  : "check the permissions of "
                      + store.where()
                      + " (the server's user must own it), or delete the broken "
                      + "file to order anew"));
      return out;
    }
    boolean expiringSoon = false;
    if (stored.isEmpty()) {
      out.add(
          Finding.info(
              "acme",
              "no certificate yet: the server orders one when it starts (HTTPS presents "
                  + "nothing until then)"));
    } else {
      StoredCertificate c = stored.get();
      Duration left = Duration.between(now, c.notAfter());
      if (!c.covers(config.domains())) {
        out.add(
            Finding.info(
                "acme",
                "the stored certificate does not name every domain of tls.acme.domains: "
                    + "the server orders a new one when it starts"));
      }
      if (left.isNegative()) {
        out.add(
            Finding.error(
                "acme",
                "the ACME certificate expired on " + c.notAfter(),
                "see the last error "
                    + "below and the server log (armet.server.acme); check that the CA reaches this server on the "
                    + config.challenge()
                    + " port"));
        expiringSoon = true;
      } else if (left.compareTo(expiryWarning) < 0) {
        expiringSoon = true;
        out.add(
            Finding.warning(
                "acme",
                "the ACME certificate expires on "
                    + c.notAfter()
                    + " ("
                    + left.toDays()
                    + " days left) and was not renewed yet",
                "check the server log (armet.server.acme)"));
      } else {
        out.add(Finding.info("acme", "certificate valid until " + c.notAfter()));
      }
    }
    if (status.consecutiveFailures() > 0) {
      String message =
          status.consecutiveFailures()
              + " failed order(s) in a row, the last at "
              + status.lastFailure()
              + ": "
              + status.lastError()
              + (status.nextAttempt() == null ? "" : "; next attempt at " + status.nextAttempt());
      String fix =
          config.challenge() == AcmeChallengeType.HTTP_01
              ? "make port 80 of every domain reach server.http-port, or use tls.acme.challenge=tls-alpn-01"
              : "make port 443 of every domain reach server.https-port directly (no TLS-terminating proxy)";
      out.add(
          expiringSoon
              ? Finding.error("acme", message, fix)
              : Finding.warning("acme", message, fix));
    }
    return out;
  }
}
