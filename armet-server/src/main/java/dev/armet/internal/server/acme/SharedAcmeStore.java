package dev.armet.internal.server.acme;

import dev.armet.keys.Keyring;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.server.acme.AcmeStatus;
import dev.armet.spi.SharedRecordStore;
import dev.armet.spi.SharedRecordStore.Lease;
import dev.armet.spi.SharedRecordStore.SharedRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The ACME records in a store every instance shares (Redis, PostgreSQL, MariaDB), under {@code
 * acme:<CA host>:…}: the account key (one per CA), the certificate (one per domain set) and the
 * status, the first two sealed by {@link RecordSeal}. Ordering takes the lease {@code …:order};
 * this instance's holder id is random per start, so a restarted instance never mistakes a lease of
 * its previous life for its own. Writes of keys and certificates are fenced by the lease.
 */
final class SharedAcmeStore extends CertificateStore {
  private final SharedRecordStore records;
  private final RecordSeal seal;
  private final String holder = UUID.randomUUID().toString();
  private final String accountKey;
  private final String certificateKey;
  private final String statusKey;
  private final String leaseName;

  SharedAcmeStore(SharedRecordStore records, Keyring keyring, AcmeConfig config) {
    this.records = records;
    this.seal = new RecordSeal(keyring);
    String ca =
        "acme:"
            + config.directory().getHost().toLowerCase(Locale.ROOT)
            + (config.directory().getPort() > 0 ? "_" + config.directory().getPort() : "")
            + ":";
    String domains = ca + domainsId(String.join(",", config.domains())) + ":";
    this.accountKey = ca + "account-key";
    this.certificateKey = domains + "certificate";
    this.statusKey = domains + "status";
    this.leaseName = domains + "order";
  }

  @Override
  String where() {
    return "the shared store ("
        + certificateKey
        + (seal.encrypts() ? ", sealed with ARMET_SECRETS)" : ", not encrypted: no ARMET_SECRETS)");
  }

  @Override
  boolean shared() {
    return true;
  }

  @Override
  Optional<Lease> lease(Duration ttl) throws IOException {
    return call(() -> records.acquire(leaseName, holder, ttl));
  }

  @Override
  void release(Lease lease) throws IOException {
    call(
        () -> {
          records.release(lease);
          return null;
        });
  }

  @Override
  KeyPair accountKey(Lease lease) throws IOException {
    Optional<SharedRecord> stored = call(() -> records.read(accountKey));
    if (stored.isPresent()) {
      try {
        return CertificateRecord.decodeAccount(
            accountKey, seal.open(accountKey, stored.get().value()));
      } catch (UnreadableRecordException e) {
        if (!e.replaceable()) {
          throw e;
        }
        // damaged: a new key makes a new account, which is all the old one was for
      }
    }
    KeyPair pair = AcmeStore.newEcKey();
    write(accountKey, CertificateRecord.encode(pair), lease);
    return pair;
  }

  @Override
  Optional<StoredCertificate> certificate() throws IOException {
    Optional<SharedRecord> stored = call(() -> records.read(certificateKey));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CertificateRecord.decode(certificateKey, seal.open(certificateKey, stored.get().value())));
  }

  @Override
  boolean save(StoredCertificate certificate, Lease lease) throws IOException {
    return write(certificateKey, CertificateRecord.encode(certificate), lease);
  }

  @Override
  AcmeStatus status() throws IOException {
    Optional<SharedRecord> stored = call(() -> records.read(statusKey));
    Properties p = new Properties();
    if (stored.isPresent()) {
      p.load(new StringReader(new String(stored.get().value(), StandardCharsets.UTF_8)));
    }
    return AcmeStore.status(p);
  }

  @Override
  void saveStatus(AcmeStatus status) throws IOException {
    StringWriter text = new StringWriter();
    AcmeStore.properties(status).store(text, null);
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    call(() -> records.write(statusKey, bytes, null)); // not a secret: the CA's error and times
  }

  /** The holder id of this instance, for tests. */
  String holder() {
    return holder;
  }

  /** The pending HTTP-01 answers of this domain set, for every instance. */
  SharedChallenges challenges() {
    return new SharedChallenges(records, statusKey.replace(":status", ":http-01"), "HTTP-01");
  }

  /** The pending TLS-ALPN-01 answers of this domain set, for every instance. */
  SharedAlpnAnswers alpnAnswers() {
    return new SharedAlpnAnswers(
        new SharedChallenges(records, statusKey.replace(":status", ":tls-alpn-01"), "TLS-ALPN-01"));
  }

  String certificateRecordKey() {
    return certificateKey;
  }

  String leaseName() {
    return leaseName;
  }

  private boolean write(String key, byte[] plaintext, Lease lease) throws IOException {
    byte[] sealed = seal.seal(key, plaintext);
    return call(() -> records.write(key, sealed, lease));
  }

  private static String domainsId(String domains) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(domains.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /**
   * A store failure (its own runtime exception) as an I/O failure: ordering backs off, nothing
   * crashes.
   */
  private static <T> T call(StoreCall<T> call) throws IOException {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw new IOException("the shared store failed: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface StoreCall<T> {
    T run();
  }
}
