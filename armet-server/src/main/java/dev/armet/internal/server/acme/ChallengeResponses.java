package dev.armet.internal.server.acme;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers to the CA's pending challenges, published by the ordering thread and read by the
 * connectors: for HTTP-01 the key authorization per token, for TLS-ALPN-01 the one-off certificate
 * per domain. An answer exists only while its challenge is pending.
 *
 * <p>With a shared store both are published there too, so any instance behind the load balancer
 * answers the CA, whichever challenge is configured: the HTTP-01 key authorizations (see {@link
 * SharedChallenges}) and, for TLS-ALPN-01, only the validation value, from which every other
 * instance makes its own certificate (see {@link SharedAlpnAnswers}). A store that fails is logged
 * and this instance keeps answering its own challenges.
 *
 * <p>Neither is a secret (RFC 8555 §8.3: the key authorization is served to anyone who asks), but
 * nothing else is ever answered: an unknown token or domain gets nothing.
 */
public final class ChallengeResponses {
  /** A TLS-ALPN-01 validation certificate (RFC 8737 §3) and its key. */
  public record AlpnCertificate(X509Certificate certificate, PrivateKey key) {}

  /** An empty set of responses. */
  public ChallengeResponses() {}

  private final Map<String, String> httpTokens = new ConcurrentHashMap<>();
  private final Map<String, AlpnCertificate> alpnCertificates = new ConcurrentHashMap<>();
  private final Map<String, byte[]> alpnValidations = new ConcurrentHashMap<>();
  private volatile SharedChallenges shared;
  private volatile SharedAlpnAnswers sharedAlpn;

  /** Also publishes HTTP-01 answers to, and looks them up in, the store instances share. */
  void share(SharedChallenges challenges) {
    this.shared = challenges;
  }

  /** Also publishes TLS-ALPN-01 answers to, and looks them up in, the store instances share. */
  void shareAlpn(SharedAlpnAnswers answers) {
    this.sharedAlpn = answers;
  }

  /**
   * Serves {@code keyAuthorization} at {@code /.well-known/acme-challenge/<token>} until removed.
   */
  public void putHttp(String token, String keyAuthorization) {
    httpTokens.put(token, keyAuthorization);
    publish();
  }

  public void removeHttp(String token) {
    httpTokens.remove(token);
    publish();
  }

  /**
   * The key authorization for {@code token}, if its challenge is pending here or, shared, on
   * another instance.
   */
  public Optional<String> http(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String local = httpTokens.get(token);
    SharedChallenges s = shared;
    return Optional.ofNullable(local != null || s == null ? local : s.answer(token));
  }

  private void publish() {
    SharedChallenges s = shared;
    if (s != null) {
      s.publish(Map.copyOf(httpTokens));
    }
  }

  /**
   * Presents {@code certificate} to {@code acme-tls/1} handshakes naming {@code domain} until
   * removed; shared, other instances present their own certificate for {@code acmeValidation}, the
   * value {@code certificate} carries.
   */
  public void putAlpn(String domain, AlpnCertificate certificate, byte[] acmeValidation) {
    String d = domain.toLowerCase(Locale.ROOT);
    alpnCertificates.put(d, certificate);
    alpnValidations.put(d, acmeValidation.clone());
    publishAlpn();
  }

  public void removeAlpn(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    alpnCertificates.remove(d);
    alpnValidations.remove(d);
    publishAlpn();
  }

  /**
   * The validation certificate for {@code domain} (the SNI name), if its challenge is pending here
   * or, shared, on another instance.
   */
  public Optional<AlpnCertificate> alpn(String domain) {
    if (domain == null) {
      return Optional.empty();
    }
    String d = domain.toLowerCase(Locale.ROOT);
    AlpnCertificate local = alpnCertificates.get(d);
    SharedAlpnAnswers s = sharedAlpn;
    return local != null || s == null ? Optional.ofNullable(local) : s.certificate(d);
  }

  private void publishAlpn() {
    SharedAlpnAnswers s = sharedAlpn;
    if (s != null) {
      s.publish(Map.copyOf(alpnValidations));
    }
  }
}
