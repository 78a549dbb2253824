package dev.armet.internal.server.acme;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed stand-ins for issued certificates, with chosen validity. */
final class AcmeTestCertificates {
  private AcmeTestCertificates() {}

  /**
   * A certificate for example.com from {@code notBefore} for {@code lifetime}; an ARI window or
   * null.
   */
  static StoredCertificate valid(Instant notBefore, Duration lifetime, List<Instant> window)
      throws Exception {
    KeyPair keys = AcmeStore.newEcKey();
    X500Name name = new X500Name("CN=example.com");
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.TEN,
            Date.from(notBefore),
            Date.from(notBefore.plus(lifetime)),
            name,
            keys.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, "example.com")));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    return new StoredCertificate(
        List.of(cert),
        keys.getPrivate(),
        window == null ? null : window.get(0),
        window == null ? null : window.get(1));
  }
}
