package dev.armet.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks the OCSP responder a certificate names (RFC 6960) whether the certificate is revoked,
 * accepting only an answer signed by the issuer or by a responder certificate the issuer signed.
 * The self-check ({@code armet doctor}, start-up) and the running server's revocation watch use it;
 * the stapled response itself is SunJSSE's (see {@link OcspStapling}).
 */
final class OcspCheck {
  /** What the responder said. */
  enum Status {
    GOOD,
    REVOKED,
    UNKNOWN
  }

  /** The answer: {@code revokedAt} only for {@link Status#REVOKED}. */
  record Result(Status status, String responder, Instant revokedAt) {}

  /** Sent with every request, so a responder's log tells these checks from the stapling fetches. */
  static final String USER_AGENT = "armet-ocsp-check";

  private OcspCheck() {}

  /**
   * The responder's answer for the leaf of {@code chain} (leaf first, its issuer second); empty
   * when the certificate names no responder or the chain has no issuer.
   *
   * @throws IOException when the responder cannot be reached or its answer is unusable
   */
  static Optional<Result> check(List<X509Certificate> chain, Duration timeout) throws IOException {
    if (chain.size() < 2) {
      return Optional.empty();
    }
    X509Certificate leaf = chain.get(0);
    X509Certificate issuer = chain.get(1);
    Optional<String> url = OcspStapling.responder(leaf);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    URI responder;
    try {
      responder = URI.create(url.get());
    } catch (IllegalArgumentException e) {
      throw new IOException("the OCSP responder URL " + url.get() + " is not a URL", e);
    }
    if (!"http".equalsIgnoreCase(responder.getScheme())) {
      throw new IOException(
          "the OCSP responder URL " + url.get() + " is not http:// (RFC 6960 A.1)");
    }
    try {
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuer),
              leaf.getSerialNumber());
      OCSPReq request = new OCSPReqBuilder().addRequest(id).build();
      HttpRequest post =
          HttpRequest.newBuilder(responder)
              .timeout(timeout)
              .header("Content-Type", "application/ocsp-request")
              .header("Accept", "application/ocsp-response")
              .header("User-Agent", USER_AGENT)
              .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
              .build();
      HttpResponse<byte[]> answer;
      try (HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build()) {
        answer = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
      }
      if (answer.statusCode() != 200) {
        throw new IOException(
            "the OCSP responder " + responder + " answered HTTP " + answer.statusCode());
      }
      OCSPResp response = new OCSPResp(answer.body());
      if (response.getStatus() != OCSPResp.SUCCESSFUL) {
        throw new IOException(
            "the OCSP responder " + responder + " answered status " + response.getStatus());
      }
      BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
      if (!signedByIssuer(basic, issuer)) {
        throw new IOException(
            "the OCSP response of " + responder + " is not signed by the certificate's issuer");
      }
      for (SingleResp single : basic.getResponses()) {
        if (!single.getCertID().equals(id)) {
          continue;
        }
        Object status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
          return Optional.of(new Result(Status.GOOD, responder.toString(), null));
        }
        if (status instanceof RevokedStatus revoked) {
          return Optional.of(
              new Result(
                  Status.REVOKED, responder.toString(), revoked.getRevocationTime().toInstant()));
        }
        return Optional.of(new Result(Status.UNKNOWN, responder.toString(), null));
      }
      throw new IOException("the OCSP response of " + responder + " does not name the certificate");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the OCSP responder " + responder, e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(
          "the OCSP exchange with " + responder + " failed: " + e.getMessage(), e);
    }
  }

  /** Signed by the issuer's key, or by a certificate in the response that the issuer signed. */
  private static boolean signedByIssuer(BasicOCSPResp basic, X509Certificate issuer)
      throws Exception {
    JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
    try {
      if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
        return true;
      }
    } catch (Exception e) {
      // another key type: try the delegated responder certificates below
    }
    for (X509CertificateHolder delegate : basic.getCerts()) {
      if (delegate.isSignatureValid(verifiers.build(issuer.getPublicKey()))
          && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(delegate.getExtensions())
              != null
          && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(delegate.getExtensions())
              .hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning)
          && basic.isSignatureValid(verifiers.build(delegate))) {
        return true;
      }
    }
    return false;
  }
}
