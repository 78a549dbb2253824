package dev.armet.internal.server.acme;

import dev.armet.server.acme.AcmeConfig;
import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** Package-private ACME helpers for the server tests in other packages. */
public final class AcmeTestAccess {
  private AcmeTestAccess() {}

  public static SSLContext trusting(Path pem) throws IOException {
    return AcmeCaConnection.trusting(pem);
  }

  /** The name of the order lease {@code config}'s shared store uses. */
  public static String leaseName(AcmeConfig config) {
    return shared(config).leaseName();
  }

  /** The key of the certificate record in {@code config}'s shared store. */
  public static String certificateKey(AcmeConfig config) {
    return shared(config).certificateRecordKey();
  }

  /** The certificate {@code config}'s shared store holds, read and opened as an instance would. */
  public static java.util.Optional<StoredCertificate> storedCertificate(AcmeConfig config)
      throws IOException {
    return shared(config).certificate();
  }

  /** Stores {@code certificate} in {@code config}'s shared store, sealed with its key ring. */
  public static void saveCertificate(AcmeConfig config, StoredCertificate certificate)
      throws IOException {
    shared(config).save(certificate, null);
  }

  /** A valid self-signed certificate for example.com. */
  public static StoredCertificate exampleCertificate() throws Exception {
    return AcmeTestCertificates.valid(
        java.time.Instant.now().minus(java.time.Duration.ofDays(1)),
        java.time.Duration.ofDays(90),
        null);
  }

  private static SharedAcmeStore shared(AcmeConfig config) {
    return new SharedAcmeStore(
        config.sharedStore().orElseThrow(), config.keyring().orElse(null), config);
  }
}
