package dev.armet.server;

import java.util.List;

/**
 * The TLS profiles of Mozilla's server-side TLS guidelines (version 5.7), mapped to JSSE names.
 *
 * <p>{@link #INTERMEDIATE} (the default) accepts TLS 1.3 and TLS 1.2, in 1.2 only ECDHE key
 * exchange with AEAD ciphers, server order. {@link #MODERN} accepts TLS 1.3 only. Both refuse, for
 * the reasons in {@link #EXCLUDED}: everything below TLS 1.2, CBC, static RSA key exchange,
 * finite-field DHE, 3DES, RC4, NULL, export and anonymous suites; renegotiation is off and JSSE
 * never compresses.
 *
 * <pre>{@code
 * ArmetServer.create(c -> c.tls(t -> t.profile(TlsProfile.MODERN)
 *     .certificate(Path.of("/etc/letsencrypt/live/example.com/fullchain.pem"),
 *                  Path.of("/etc/letsencrypt/live/example.com/privkey.pem"))));
 * }</pre>
 */
public enum TlsProfile {
  /** TLS 1.3 and 1.2 with ECDHE + AEAD: every browser of the last decade. */
  INTERMEDIATE(
      List.of("TLSv1.3", "TLSv1.2"),
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")),
  /** TLS 1.3 only: for clients you control, or when old browsers may be turned away. */
  MODERN(
      List.of("TLSv1.3"),
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));

  /** What neither profile offers, and why: one line each. */
  public static final List<Exclusion> EXCLUDED =
      List.of(
          new Exclusion(
              "SSLv3, TLSv1, TLSv1.1", "POODLE/BEAST era; no AEAD; deprecated by RFC 8996"),
          new Exclusion(
              "TLS_RSA_* (static RSA key exchange)",
              "no forward secrecy; Bleichenbacher/ROBOT oracles"),
          new Exclusion("*_CBC_*", "MAC-then-encrypt padding oracles (Lucky13, POODLE-TLS)"),
          new Exclusion(
              "TLS_DHE_*",
              "finite-field groups are slow and invite small-group downgrades (Logjam)"),
          new Exclusion("*_3DES_*", "64-bit block: Sweet32 collision attacks"),
          new Exclusion("*_RC4_*", "biased keystream; forbidden by RFC 7465"),
          new Exclusion(
              "*_NULL_*, *_anon_*, *_EXPORT_*",
              "no encryption, no authentication, or 40-bit keys (FREAK)"),
          new Exclusion(
              "*_SHA (SHA-1 MAC suites)",
              "only ever paired with CBC; SHA-1 is broken for signatures"),
          new Exclusion(
              "renegotiation",
              "client-initiated renegotiation is a DoS lever and had injection bugs"),
          new Exclusion("TLS compression", "CRIME; JSSE never offers it"));

  /** One thing a profile excludes and the one-line reason. */
  public record Exclusion(String what, String reason) {}

  private final List<String> protocols;
  private final List<String> cipherSuites;

  TlsProfile(List<String> protocols, List<String> cipherSuites) {
    this.protocols = protocols;
    this.cipherSuites = cipherSuites;
  }

  /** The protocol versions, newest first. */
  public List<String> protocols() {
    return protocols;
  }

  /** The cipher suites in the server's order of preference. */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** The profile named {@code intermediate} or {@code modern} (case-insensitive). */
  public static TlsProfile parse(String name) {
    for (TlsProfile p : values()) {
      if (p.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "TLS profile must be 'intermediate' or 'modern', was '" + name + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
