package dev.armet.server.acme;

import java.util.Locale;

/**
 * How the CA checks that this server answers for a domain (RFC 8555 §8.3, RFC 8737).
 *
 * <p>{@link #HTTP_01}: the CA fetches {@code http://<domain>/.well-known/acme-challenge/<token>} on
 * port 80, answered by the plain-HTTP connector. {@link #TLS_ALPN_01}: the CA opens a TLS
 * connection to port 443 offering only the {@code acme-tls/1} protocol, answered by the HTTPS
 * connector with a one-off certificate; no port 80 needed.
 */
public enum AcmeChallengeType {
  HTTP_01("http-01"),
  TLS_ALPN_01("tls-alpn-01");

  private final String token;

  AcmeChallengeType(String token) {
    this.token = token;
  }

  /** The name the CA and the setting {@code tls.acme.challenge} use. */
  public String token() {
    return token;
  }

  /** {@code http-01} or {@code tls-alpn-01}, case-insensitive. */
  public static AcmeChallengeType parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (AcmeChallengeType t : values()) {
      if (t.token.equals(v)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "tls.acme.challenge must be http-01 or tls-alpn-01, was '" + value + "'");
  }

  @Override
  public String toString() {
    return token;
  }
}
