package dev.armet.audit;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA and the server key stores it issues (localhost and 127.0.0.1). */
final class TestCa {
  static final char[] PASSWORD = "fixture".toCharArray();
  private static TestCa shared;

  final X509Certificate certificate;
  private final KeyPair keys;

  private TestCa() throws Exception {
    keys = ec();
    X500Name name = new X500Name("CN=Armet Audit Test CA");
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(Instant.now().minus(Duration.ofHours(1))),
            Date.from(Instant.now().plus(Duration.ofDays(365))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    certificate = sign(b, keys, "SHA256withECDSA");
  }

  static synchronized TestCa get() throws Exception {
    if (shared == null) {
      shared = new TestCa();
    }
    return shared;
  }

  /** A key store holding a leaf for localhost/127.0.0.1 issued by this CA (or self-signed). */
  KeyStore serverKeyStore(boolean selfSigned, String keyAlgorithm, int keyBits, Duration validity)
      throws Exception {
    KeyPair leafKeys = keyAlgorithm.equals("RSA") ? rsa(keyBits) : ec();
    X500Name subject = new X500Name("CN=localhost");
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            selfSigned ? subject : new X500Name("CN=Armet Audit Test CA"),
            serial(),
            Date.from(Instant.now().minus(Duration.ofHours(1))),
            Date.from(Instant.now().plus(validity)),
            subject,
            leafKeys.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    KeyPair signer = selfSigned ? leafKeys : keys;
    String alg =
        signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    X509Certificate leaf = sign(b, signer, alg);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    Certificate[] chain =
        selfSigned ? new Certificate[] {leaf} : new Certificate[] {leaf, certificate};
    ks.setKeyEntry("server", leafKeys.getPrivate(), PASSWORD, chain);
    return ks;
  }

  KeyStore serverKeyStore() throws Exception {
    return serverKeyStore(false, "EC", 256, Duration.ofDays(90));
  }

  /** Writes the CA certificate as PEM (for Node's NODE_EXTRA_CA_CERTS and armet's --ca). */
  Path writePem(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("test-ca.pem");
    StringWriter text = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(text)) {
      w.writeObject(certificate);
    }
    Files.writeString(file, text.toString());
    return file;
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer, String alg)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }
}
