package dev.armet.internal.server.acme;

import dev.armet.server.acme.AcmeConfig;
import dev.armet.server.acme.AcmeStatus;
import dev.armet.spi.SharedRecordStore.Lease;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;

/**
 * Where ACME keeps the account key, the certificate and the ordering status, and who may order: the
 * data folder ({@link AcmeStore}: one instance, so the order lease is always granted) or a store
 * several instances share ({@link SharedAcmeStore}: a lease with expiry and fencing, so one
 * instance orders and the others pick its certificate up).
 */
abstract class CertificateStore {
  /** The shared store when {@code config} names one, else the files under {@code dataDirectory}. */
  static CertificateStore of(AcmeConfig config, Path dataDirectory) {
    return config
        .sharedStore()
        .<CertificateStore>map(
            records -> new SharedAcmeStore(records, config.keyring().orElse(null), config))
        .orElseGet(() -> AcmeStore.in(dataDirectory, config.directory()));
  }

  /** Where the records are, for logs and {@code armet doctor}. */
  abstract String where();

  /** Whether other instances may write here (then the store is polled for their certificate). */
  abstract boolean shared();

  /**
   * Takes the order lease for {@code ttl}, or renews it when this instance holds it.
   *
   * @return the lease, or empty while another instance holds it
   */
  abstract Optional<Lease> lease(Duration ttl) throws IOException;

  /** Ends {@code lease} if it is still this instance's. */
  abstract void release(Lease lease) throws IOException;

  /** The account key, created (EC P-256) and stored under {@code lease} on first use. */
  abstract KeyPair accountKey(Lease lease) throws IOException;

  /**
   * The stored certificate, if there is one.
   *
   * @throws UnreadableRecordException when it is there but does not read (damaged, or sealed with a
   *     secret this instance lacks)
   */
  abstract Optional<StoredCertificate> certificate() throws IOException;

  /**
   * Stores a new certificate, fenced by {@code lease}.
   *
   * @return false when the lease passed to another instance meanwhile (nothing was written)
   */
  abstract boolean save(StoredCertificate certificate, Lease lease) throws IOException;

  abstract AcmeStatus status() throws IOException;

  abstract void saveStatus(AcmeStatus status) throws IOException;
}
