package dev.armet.internal.server.acme;

import dev.armet.server.PemFiles;
import dev.armet.server.acme.AcmeStatus;
import dev.armet.spi.SharedRecordStore.Lease;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The ACME files in the data folder, one folder per CA ({@code <data>/acme/<ca host>/}, mode 0700):
 * {@code account-key.pem}, {@code certificate.pem} (the chain, leaf first), {@code
 * certificate-key.pem} and {@code renewal.properties} (the ARI window), each written atomically
 * with mode 0600 from its creation, and {@code status.properties}, the last failure, which {@code
 * armet doctor} reads. One instance uses a data folder, so the order lease is always granted.
 */
public final class AcmeStore extends CertificateStore {
  static final String ACCOUNT_KEY = "account-key.pem";
  static final String CERTIFICATE = "certificate.pem";
  static final String CERTIFICATE_KEY = "certificate-key.pem";
  static final String RENEWAL = "renewal.properties";
  static final String STATUS = "status.properties";

  private static final Lease LOCAL = new Lease("acme-order", "this-instance", 1);

  private final Path folder;

  private AcmeStore(Path folder) {
    this.folder = folder;
  }

  /** The store for {@code directory}'s CA under {@code dataDirectory}. */
  public static AcmeStore in(Path dataDirectory, java.net.URI directory) {
    String host =
        directory.getHost().toLowerCase(Locale.ROOT)
            + (directory.getPort() > 0 ? "_" + directory.getPort() : "");
    return new AcmeStore(
        dataDirectory.resolve("acme").resolve(host.replaceAll("[^a-z0-9._-]", "_")));
  }

  public Path folder() {
    return folder;
  }

  @Override
  String where() {
    return "the data folder " + folder;
  }

  @Override
  boolean shared() {
    return false;
  }

  @Override
  Optional<Lease> lease(Duration ttl) {
    return Optional.of(LOCAL);
  }

  @Override
  void release(Lease lease) {
    // nothing shared to release
  }

  @Override
  KeyPair accountKey(Lease lease) throws IOException {
    return accountKey();
  }

  @Override
  boolean save(StoredCertificate certificate, Lease lease) throws IOException {
    save(certificate);
    return true;
  }

  /** The account key, created (EC P-256) on first use. */
  KeyPair accountKey() throws IOException {
    Path file = folder.resolve(ACCOUNT_KEY);
    if (Files.isRegularFile(file)) {
      PrivateKey key = PemFiles.readPrivateKey(file, "EC");
      try {
        byte[] spki =
            PemFiles.decode("PUBLIC KEY", Files.readString(file, StandardCharsets.US_ASCII));
        return new KeyPair(
            KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)), key);
      } catch (GeneralSecurityException e) {
        throw new IOException(
            "the ACME account key " + file + " does not read: " + e.getMessage(), e);
      }
    }
    KeyPair pair = newEcKey();
    prepare();
    PemFiles.writePrivate(
        file,
        PemFiles.encode("PRIVATE KEY", pair.getPrivate().getEncoded())
            + PemFiles.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
    return pair;
  }

  /** The stored certificate, if there is one and it reads. */
  @Override
  public Optional<StoredCertificate> certificate() throws IOException {
    Path chainFile = folder.resolve(CERTIFICATE);
    Path keyFile = folder.resolve(CERTIFICATE_KEY);
    if (!Files.isRegularFile(chainFile) || !Files.isRegularFile(keyFile)) {
      return Optional.empty();
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(chainFile)))) {
        chain.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the stored ACME certificate " + chainFile + " does not read: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    Properties renewal = read(RENEWAL);
    return Optional.of(
        new StoredCertificate(
            chain,
            PemFiles.readPrivateKey(keyFile, "EC"),
            instant(renewal, "window-start"),
            instant(renewal, "window-end")));
  }

  /**
   * Stores a new certificate: key first, chain last, so a reader never pairs a new chain with an
   * old key.
   */
  void save(StoredCertificate certificate) throws IOException {
    prepare();
    String chain = CertificateRecord.chainPem(certificate);
    Properties renewal = new Properties();
    if (certificate.renewalWindowStart() != null) {
      renewal.setProperty("window-start", certificate.renewalWindowStart().toString());
      renewal.setProperty("window-end", certificate.renewalWindowEnd().toString());
    }
    PemFiles.writePrivate(
        folder.resolve(CERTIFICATE_KEY),
        PemFiles.encode("PRIVATE KEY", certificate.key().getEncoded()));
    write(RENEWAL, renewal);
    PemFiles.writePrivate(folder.resolve(CERTIFICATE), chain);
  }

  /** The last recorded state of ordering (empty when nothing failed since the last success). */
  @Override
  public AcmeStatus status() throws IOException {
    return status(read(STATUS));
  }

  static AcmeStatus status(Properties p) {
    String failures = p.getProperty("consecutive-failures", "0");
    int count;
    try {
      count = Integer.parseInt(failures);
    } catch (NumberFormatException e) {
      count = 0;
    }
    return new AcmeStatus(
        count, instant(p, "last-failure"), p.getProperty("last-error"), instant(p, "next-attempt"));
  }

  @Override
  void saveStatus(AcmeStatus status) throws IOException {
    prepare();
    write(STATUS, properties(status));
  }

  static Properties properties(AcmeStatus status) {
    Properties p = new Properties();
    p.setProperty("consecutive-failures", Integer.toString(status.consecutiveFailures()));
    if (status.lastFailure() != null) {
      p.setProperty("last-failure", status.lastFailure().toString());
    }
    if (status.lastError() != null) {
      p.setProperty("last-error", status.lastError());
    }
    if (status.nextAttempt() != null) {
      p.setProperty("next-attempt", status.nextAttempt().toString());
    }
    return p;
  }

  static KeyPair newEcKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }

  private void prepare() throws IOException {
    PemFiles.createPrivateDirectory(folder.getParent());
    PemFiles.createPrivateDirectory(folder);
  }

  private Properties read(String name) throws IOException {
    Properties p = new Properties();
    Path file = folder.resolve(name);
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    }
    return p;
  }

  private void write(String name, Properties p) throws IOException {
    StringWriter text = new StringWriter();
    p.store(text, null);
    PemFiles.writePrivate(folder.resolve(name), text.toString());
  }

  private static Instant instant(Properties p, String key) {
    String v = p.getProperty(key);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
