package dev.armet.bench;

import dev.armet.server.TlsProfile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one TLS setup every target serves under {@code --tls} / {@code --h2}: a self-signed EC P-256
 * certificate for {@code 127.0.0.1} made at start, and armet-server's {@link TlsProfile#MODERN}
 * (TLS 1.3 only, its three AEAD suites) on SunJSSE, so that targets differ only in their filters.
 */
final class BenchTls {
  private static final char[] PASSWORD = "bench".toCharArray();

  private final KeyStore keys;
  private final X509Certificate certificate;

  /** The key store as a file, for targets in JVMs of their own; written on first use. */
  private Path file;

  private BenchTls(KeyStore keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  static BenchTls generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=127.0.0.1, O=Armet load benchmark");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("bench", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
    return new BenchTls(keys, cert);
  }

  /** The same key and certificate from {@code file} ({@link #file()} of the harness's). */
  static BenchTls load(Path file) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      keys.load(in, PASSWORD);
    }
    return new BenchTls(keys, (X509Certificate) keys.getCertificate("bench"));
  }

  /**
   * This key and certificate in a PKCS12 file that only this user may read, deleted when this JVM
   * exits: how a target in a JVM of its own serves the same TLS setup as the others.
   */
  synchronized Path file() throws Exception {
    if (file == null) {
      Path f =
          Files.createTempFile(
              "armet-bench-tls",
              ".p12",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      f.toFile().deleteOnExit();
      try (var out = Files.newOutputStream(f)) {
        keys.store(out, PASSWORD);
      }
      file = f;
    }
    return file;
  }

  /** A fresh server factory (one per connector), configured alike for every target. */
  SslContextFactory.Server serverFactory() {
    SslContextFactory.Server f = new SslContextFactory.Server();
    f.setKeyStore(keys);
    f.setKeyStorePassword(new String(PASSWORD));
    f.setIncludeProtocols(TlsProfile.MODERN.protocols().toArray(String[]::new));
    f.setIncludeCipherSuites(TlsProfile.MODERN.cipherSuites().toArray(String[]::new));
    f.setUseCipherSuitesOrder(true);
    f.setRenegotiationAllowed(false);
    f.setSniRequired(false);
    return f;
  }

  /** A client context that trusts this certificate and nothing else. */
  SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("bench", certificate);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** For the report. */
  static String describe() {
    return "TLS 1.3 (SunJSSE, armet-server's MODERN profile), self-signed EC P-256 certificate";
  }
}
