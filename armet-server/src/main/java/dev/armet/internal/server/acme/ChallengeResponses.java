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
 * <p>With a shared store the HTTP-01 answers are published there too, so any instance behind the
 * load balancer answers the CA (see {@link SharedChallenges}); TLS-ALPN-01 is answered only by the
 * ordering instance.
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
  private volatile SharedChallenges shared;

  /** Also publishes HTTP-01 answers to, and looks them up in, the store instances share. */
  void share(SharedChallenges challenges) {
    this.shared = challenges;
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
   * removed.
   */
  public void putAlpn(String domain, AlpnCertificate certificate) {
    alpnCertificates.put(domain.toLowerCase(Locale.ROOT), certificate);
  }

  public void removeAlpn(String domain) {
    alpnCertificates.remove(domain.toLowerCase(Locale.ROOT));
  }

  /** The validation certificate for {@code domain} (the SNI name), if its challenge is pending. */
  public Optional<AlpnCertificate> alpn(String domain) {
    return domain == null
        ? Optional.empty()
        : Optional.ofNullable(alpnCertificates.get(domain.toLowerCase(Locale.ROOT)));
  }
}
