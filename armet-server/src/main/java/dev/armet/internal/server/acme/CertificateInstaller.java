package dev.armet.internal.server.acme;

/** Puts a newly issued certificate into service (the HTTPS connector's hot reload). */
@FunctionalInterface
public interface CertificateInstaller {
  /** Serves {@code certificate} to new handshakes; open connections keep theirs. */
  void install(StoredCertificate certificate) throws Exception;
}
