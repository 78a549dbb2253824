package dev.armet.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A local OCSP responder (RFC 6960) for a test CA, built with Bouncy Castle on the JDK's HTTP
 * server: answers GET and POST requests, signed by the CA itself, "good" or "revoked".
 */
final class OcspResponder implements AutoCloseable {
  private final TestCertificates.Ca ca;
  private final HttpServer http;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean revoked;

  OcspResponder(TestCertificates.Ca ca) throws IOException {
    this.ca = ca;
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    http.createContext(
        "/",
        exchange -> {
          if (!OcspCheck.USER_AGENT.equals(exchange.getRequestHeaders().getFirst("User-Agent"))) {
            requests.incrementAndGet(); // the stapling fetches, not the revocation checks
          }
          byte[] request =
              "POST".equals(exchange.getRequestMethod())
                  ? exchange.getRequestBody().readAllBytes()
                  : Base64.getDecoder()
                      .decode(
                          URLDecoder.decode(
                              exchange.getRequestURI().getRawPath().substring(1),
                              StandardCharsets.US_ASCII));
          byte[] body;
          try {
            body = answer(new OCSPReq(request)).getEncoded();
          } catch (Exception e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
  }

  /** Requests other than Armet's own revocation checks (those of SunJSSE's stapling). */
  int requests() {
    return requests.get();
  }

  void revoke() {
    revoked = true;
  }

  /** Issues a localhost certificate naming this responder; writes fullchain.pem and privkey.pem. */
  TestCertificates.Issued issue(Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new JcaX509CertificateHolder(ca.certificate()).getSubject(),
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            new X500Name("CN=localhost"),
            keys.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    b.addExtension(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(
            new AccessDescription(
                AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, url()))));
    X509Certificate leaf =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate())));
    Files.createDirectories(dir);
    Path chain =
        Files.writeString(
            dir.resolve("fullchain.pem"),
            TestCertificates.pem(leaf) + TestCertificates.pem(ca.certificate()));
    Path key =
        Files.writeString(
            dir.resolve("privkey.pem"),
            PemFiles.encode("PRIVATE KEY", keys.getPrivate().getEncoded()));
    return new TestCertificates.Issued(chain, key, leaf);
  }

  private OCSPResp answer(OCSPReq request) throws Exception {
    JcaBasicOCSPRespBuilder builder =
        new JcaBasicOCSPRespBuilder(
            ca.certificate().getPublicKey(),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1));
    Date now = new Date();
    Date next = Date.from(Instant.now().plus(Duration.ofHours(12)));
    for (Req r : request.getRequestList()) {
      CertificateStatus status = revoked ? new RevokedStatus(now, 1) : CertificateStatus.GOOD;
      builder.addResponse(r.getCertID(), status, now, next, null);
    }
    BasicOCSPResp basic =
        builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate()),
            new X509CertificateHolder[] {new JcaX509CertificateHolder(ca.certificate())},
            now);
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
