package dev.armet.server;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate for {@code localhost} that development mode serves: EC P-256, SAN
 * {@code DNS:localhost, IP:127.0.0.1, IP:::1}, valid {@value #VALIDITY_DAYS} days. Created on first
 * start in {@code <data>/tls/} (folder 0700, files 0600), reused while it has more than a day left,
 * replaced when it does not or cannot be read.
 *
 * @param certificate the certificate
 * @param privateKey its key
 * @param created whether this start created it (false: reused from disk)
 */
record DevelopmentCertificate(X509Certificate certificate, PrivateKey privateKey, boolean created) {
  static final int VALIDITY_DAYS = 90;
  static final String CERT_FILE = "localhost-cert.pem";
  static final String KEY_FILE = "localhost-key.pem";

  /** The organisation in the subject: how production recognises (and refuses) this certificate. */
  static final String ORGANIZATION = "Armet development certificate";

  private static final Duration RENEW_BEFORE = Duration.ofDays(1);
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.tls");

  /** The certificate in {@code dataDirectory/tls}, created or renewed when needed. */
  static DevelopmentCertificate loadOrCreate(Path dataDirectory, Clock clock) throws IOException {
    Path dir = dataDirectory.resolve("tls");
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    if (Files.isRegularFile(certFile) && Files.isRegularFile(keyFile)) {
      try {
        X509Certificate cert = PemFiles.readCertificate(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile, "EC");
        Instant renewAt = cert.getNotAfter().toInstant().minus(RENEW_BEFORE);
        if (clock.instant().isBefore(renewAt)) {
          return new DevelopmentCertificate(cert, key, false);
        }
        LOG.info(
            "development certificate in {} expires {}; creating a new one",
            dir,
            cert.getNotAfter().toInstant());
      } catch (IOException e) {
        LOG.warn(
            "development certificate in {} is unreadable ({}); creating a new one",
            dir,
            e.getMessage());
      }
    }
    DevelopmentCertificate fresh = generate(clock.instant());
    PemFiles.createPrivateDirectory(dataDirectory);
    PemFiles.createPrivateDirectory(dir);
    try {
      PemFiles.writePrivate(
          keyFile, PemFiles.encode("PRIVATE KEY", fresh.privateKey().getEncoded()));
      PemFiles.writePrivate(
          certFile, PemFiles.encode("CERTIFICATE", fresh.certificate().getEncoded()));
    } catch (CertificateException e) {
      throw new IOException("cannot encode the development certificate", e);
    }
    LOG.info("created a self-signed development certificate for localhost in {}", dir);
    return fresh;
  }

  static DevelopmentCertificate generate(Instant now) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=localhost, O=" + ORGANIZATION);
      BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial,
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(VALIDITY_DAYS))),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")
              }));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new DevelopmentCertificate(cert, pair.getPrivate(), true);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create the development certificate: " + e.getMessage(), e);
    }
  }
}
