package dev.armet.server;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCSP stapling (RFC 6066 §8, RFC 6961): the server fetches its certificate's OCSP response from
 * the responder the certificate names, caches it and sends it in the handshake, so browsers need
 * not ask the CA (privacy, latency) and a revoked certificate shows as revoked.
 *
 * <p>SunJSSE does the fetching, caching (until the response's {@code nextUpdate}, at most {@code
 * jdk.tls.stapling.cacheLifetime}, 1 hour by default) and refreshing; its switch is the
 * process-wide {@code jdk.tls.server.enableStatusRequestExtension}, read once when the JVM first
 * uses TLS. The server turns it on before it builds its TLS context unless the operator set it
 * ({@code -Djdk.tls.server.enableStatusRequestExtension=false} keeps it off). A certificate without
 * a responder (Let's Encrypt's since 2025) simply gets no staple. Stapling on Bouncy Castle's JSSE
 * ({@code tls.post-quantum}) is not covered by this switch nor tested.
 */
final class OcspStapling {
  static final String PROPERTY = "jdk.tls.server.enableStatusRequestExtension";
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.tls");

  private OcspStapling() {}

  /** Turns SunJSSE's stapling on unless the operator decided; returns whether it is on. */
  static synchronized boolean enable() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
    return Boolean.parseBoolean(System.getProperty(PROPERTY));
  }

  /**
   * The OCSP responder URL of {@code certificate}'s Authority Information Access, if it names one.
   */
  static Optional<String> responder(X509Certificate certificate) {
    byte[] aia = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (aia == null) {
      return Optional.empty();
    }
    try {
      AuthorityInformationAccess access =
          AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(aia).getOctets());
      for (AccessDescription d : access.getAccessDescriptions()) {
        if (AccessDescription.id_ad_ocsp.equals(d.getAccessMethod())
            && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
          return Optional.of(d.getAccessLocation().getName().toString());
        }
      }
    } catch (RuntimeException e) {
      LOG.debug(
          "unreadable Authority Information Access in {}",
          certificate.getSubjectX500Principal(),
          e);
    }
    return Optional.empty();
  }
}
