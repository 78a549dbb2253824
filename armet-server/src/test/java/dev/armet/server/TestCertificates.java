package dev.armet.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates as a CA would issue them, written the way certbot and openssl write them. */
final class TestCertificates {
  /** How the private key is encoded. */
  enum KeyFormat {
    PKCS8_EC,
    SEC1_EC,
    PKCS1_RSA,
    PKCS8_RSA
  }

  /** A test CA that issues leaf certificates for localhost/127.0.0.1. */
  record Ca(X509Certificate certificate, KeyPair keys) {}

  /** Written files and what they hold. */
  record Issued(Path fullchain, Path privateKey, X509Certificate leaf) {}

  private TestCertificates() {}

  static Ca ca() throws Exception {
    KeyPair keys = ec();
    X500Name name = new X500Name("CN=Armet Test CA");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    return new Ca(sign(b, keys.getPrivate()), keys);
  }

  /**
   * Issues a localhost certificate valid for {@code validity} and writes fullchain.pem and
   * privkey.pem.
   */
  static Issued issue(Ca ca, Path dir, String cn, KeyFormat format, Duration validity)
      throws Exception {
    boolean rsa = format == KeyFormat.PKCS1_RSA || format == KeyFormat.PKCS8_RSA;
    KeyPair keys = rsa ? rsa() : ec();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Armet Test CA"),
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(validity)),
            new X500Name("CN=" + cn),
            keys.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    X509Certificate leaf = sign(b, ca.keys().getPrivate());
    Files.createDirectories(dir);
    Path chain = dir.resolve("fullchain.pem");
    Path key = dir.resolve("privkey.pem");
    Files.writeString(chain, pem(leaf) + pem(ca.certificate()));
    Files.writeString(key, keyPem(keys, format));
    return new Issued(chain, key, leaf);
  }

  /** A production-usable pair for the tests that only need some certificate. */
  static Issued localhost(Path dir) throws Exception {
    return issue(ca(), dir, "localhost", KeyFormat.PKCS8_EC, Duration.ofDays(90));
  }

  /**
   * Production needs a configured certificate and, as these tests run as root, the explicit
   * loosening.
   */
  static ArmetServerConfig.Builder production(ArmetServerConfig.Builder b, Path dir) {
    try {
      Issued pem =
          Files.isRegularFile(dir.resolve("fullchain.pem"))
              ? new Issued(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"), null)
              : localhost(dir);
      return b.tls(t -> t.certificate(pem.fullchain(), pem.privateKey())).allowRoot(true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Configures a fresh localhost certificate from {@code dir}. */
  static TlsConfig.Builder pemInto(TlsConfig.Builder t, Path dir) {
    try {
      Issued pem = localhost(dir);
      return t.certificate(pem.fullchain(), pem.privateKey());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object o) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(text)) {
      w.writeObject(o);
    }
    return text.toString();
  }

  private static String keyPem(KeyPair keys, KeyFormat format) throws Exception {
    return switch (format) {
      // A bare PrivateKey or KeyPair is written in the algorithm's traditional form.
      case PKCS1_RSA -> pem(keys);
      case SEC1_EC -> sec1(keys);
      case PKCS8_EC, PKCS8_RSA -> pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
    };
  }

  /** SEC1 with the curve named inside, as {@code openssl ec} writes it. */
  private static String sec1(KeyPair keys) throws IOException {
    org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    java.math.BigInteger s = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
    byte[] der =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                256, s, info.getPrivateKeyAlgorithm().getParameters())
            .getEncoded();
    return PemFiles.encode("EC PRIVATE KEY", der);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
  }
}
