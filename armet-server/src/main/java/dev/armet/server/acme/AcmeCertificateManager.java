package dev.armet.server.acme;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Keeps the HTTPS connector supplied with an ACME certificate; what an application reads of it
 * through {@code ArmetServer.acme()}: where ordering stands and the certificate in service. The
 * server implements it (it orders, renews and backs off on its own); an application does not.
 */
public interface AcmeCertificateManager {
  /** Where ordering stands: failures in a row, the last error, the next attempt. */
  AcmeStatus status();

  /** Orders this instance attempted since start (successful or not). */
  int attempts();

  /**
   * The leaf of the ACME certificate in service; empty until one was issued, adopted from the
   * shared store or found stored (the connector's placeholder before that is never presented).
   */
  Optional<X509Certificate> current();
}
