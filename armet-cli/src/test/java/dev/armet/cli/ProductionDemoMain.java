package dev.armet.cli;

import dev.armet.demo.DemoApplication;
import dev.armet.demo.DemoStores;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEventSink;
import dev.armet.server.ArmetServer;
import dev.armet.spi.Stores;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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

/**
 * The demo as {@code armet demo} runs it, in production mode (ARMET_ENV=production, ARMET_SECRETS
 * set by the test), with a certificate from a private CA written to DATA/ca.pem: what an operator
 * deploys. {@code armet demo} itself has no certificate option yet. Prints "https port N".
 */
public final class ProductionDemoMain {
  private ProductionDemoMain() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Files.createDirectories(data);
    KeyPair caKeys = ec();
    X500Name caName = new X500Name("CN=Armet Audit Demo CA");
    JcaX509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName,
            serial(),
            notBefore(),
            Date.from(Instant.now().plus(Duration.ofDays(30))),
            caName,
            caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    X509Certificate caCert = sign(ca, caKeys);
    KeyPair leafKeys = ec();
    JcaX509v3CertificateBuilder leaf =
        new JcaX509v3CertificateBuilder(
            caName,
            serial(),
            notBefore(),
            Date.from(Instant.now().plus(Duration.ofDays(30))),
            new X500Name("CN=localhost"),
            leafKeys.getPublic());
    leaf.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    X509Certificate leafCert = sign(leaf, caKeys);
    Files.writeString(data.resolve("ca.pem"), pem(caCert));
    Files.writeString(data.resolve("fullchain.pem"), pem(leafCert) + pem(caCert));
    Files.writeString(
        data.resolve("privkey.pem"),
        pem(new JcaPKCS8Generator(leafKeys.getPrivate(), null).generate()));

    Stores stores = OpenStores.open("sqlite", data);
    ArmetServer server =
        DemoApplication.create(
            DemoStores.of(stores.sessions(), stores.rateLimits(), stores.rateLimits()),
            DemoSecrets.keyring(ArmetEnvironment.PRODUCTION, data),
            SecurityEventSink.logging(),
            c ->
                c.httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .dataDirectory(data)
                    .canonicalHost("localhost")
                    .allowRoot(true)
                    .closeOnStop(stores)
                    .tls(
                        t ->
                            t.certificate(
                                data.resolve("fullchain.pem"), data.resolve("privkey.pem"))));
    server.start();
    System.out.println("https port " + server.httpsPort());
    System.out.println("http port " + server.httpPort());
    System.out.flush();
    server.join();
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static String pem(Object o) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(text)) {
      w.writeObject(o);
    }
    return text.toString();
  }
}
