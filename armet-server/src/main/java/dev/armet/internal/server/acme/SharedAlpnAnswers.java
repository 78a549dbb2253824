package dev.armet.internal.server.acme;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.util.CertificateUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending TLS-ALPN-01 answers in the shared store, so that whichever instance the load balancer
 * sends the CA's {@code acme-tls/1} handshake to can answer it. What is shared per domain is only
 * the {@code acmeValidation} value (RFC 8737 §3: the SHA-256 of the key authorization, public like
 * every answer); each instance makes its own validation certificate for it with a throwaway key of
 * its own, so no private key ever leaves an instance. A certificate is made once per domain and
 * value, and dropped when the answer is withdrawn or changes.
 *
 * <p>A value that is not 32 bytes of base64url is ignored and logged once.
 */
final class SharedAlpnAnswers {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");
  private static final int VALIDATION_BYTES = 32; // SHA-256

  private final SharedChallenges shared;
  private final Map<String, Made> made = new ConcurrentHashMap<>();
  private volatile String reported;

  private record Made(String validation, ChallengeResponses.AlpnCertificate certificate) {}

  SharedAlpnAnswers(SharedChallenges shared) {
    this.shared = shared;
  }

  /** Publishes exactly {@code pending} (lower-case domain to acmeValidation) for every instance. */
  void publish(Map<String, byte[]> pending) {
    Map<String, String> encoded = new HashMap<>();
    pending.forEach(
        (d, v) -> encoded.put(d, Base64.getUrlEncoder().withoutPadding().encodeToString(v)));
    shared.publish(encoded);
  }

  /**
   * The validation certificate for {@code domain} (lower case) if another instance published an
   * answer for it, made here on first use.
   */
  Optional<ChallengeResponses.AlpnCertificate> certificate(String domain) {
    String value = shared.answer(domain);
    if (value == null) {
      made.remove(domain);
      return Optional.empty();
    }
    byte[] validation = decode(value);
    if (validation == null) {
      made.remove(domain);
      if (!(domain + "=" + value).equals(reported)) {
        reported = domain + "=" + value;
        LOG.warn(
            "the shared TLS-ALPN-01 answer for {} is not a validation value; ignoring it", domain);
      }
      return Optional.empty();
    }
    return Optional.ofNullable(
            made.compute(
                domain,
                (d, m) ->
                    m != null && m.validation().equals(value) ? m : make(d, value, validation)))
        .map(Made::certificate);
  }

  private static Made make(String domain, String value, byte[] validation) {
    try {
      // acme4j 4.0 signs the validation certificate with SHA256withRSA whatever the key
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair key = g.generateKeyPair();
      return new Made(
          value,
          new ChallengeResponses.AlpnCertificate(
              CertificateUtils.createTlsAlpn01Certificate(key, Identifier.dns(domain), validation),
              key.getPrivate()));
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      LOG.warn(
          "cannot make the TLS-ALPN-01 validation certificate for {}: {}", domain, e.toString());
      return null;
    }
  }

  private static byte[] decode(String value) {
    try {
      byte[] v = Base64.getUrlDecoder().decode(value);
      return v.length == VALIDATION_BYTES ? v : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
