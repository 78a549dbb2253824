package dev.armet.internal.server.acme;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * An issued certificate chain (leaf first), its key, and the renewal window the CA suggested
 * through ARI (RFC 9773), if it did.
 *
 * @param chain the chain, leaf first
 * @param key the leaf's private key
 * @param renewalWindowStart the start of the CA's suggested renewal window; null without ARI
 * @param renewalWindowEnd its end; null without ARI
 */
public record StoredCertificate(
    List<X509Certificate> chain,
    PrivateKey key,
    Instant renewalWindowStart,
    Instant renewalWindowEnd) {
  public StoredCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public Instant notBefore() {
    return leaf().getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** Whether the leaf names every one of {@code domains} as a DNS subject alternative name. */
  public boolean covers(Collection<String> domains) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    return names.containsAll(domains);
  }

  /** Whether it can be served at {@code now}. */
  public boolean isValidAt(Instant now) {
    return !now.isBefore(notBefore()) && now.isBefore(notAfter());
  }
}
