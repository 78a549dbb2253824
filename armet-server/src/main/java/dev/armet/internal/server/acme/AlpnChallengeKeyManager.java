package dev.armet.internal.server.acme;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the certificate of a handshake: the TLS-ALPN-01 validation certificate when the client
 * negotiated {@code acme-tls/1} for a domain with a pending challenge (RFC 8737 §3), otherwise the
 * served certificate, and no certificate at all (the handshake fails) while the server is still
 * waiting for its first ACME certificate, so a placeholder is never presented.
 */
final class AlpnChallengeKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS_PREFIX = "acme-tls-alpn-01:";

  private final X509ExtendedKeyManager served;
  private final ChallengeResponses responses;
  private final BooleanSupplier certificateReady;

  AlpnChallengeKeyManager(
      X509ExtendedKeyManager served,
      ChallengeResponses responses,
      BooleanSupplier certificateReady) {
    this.served = served;
    this.responses = responses;
    this.certificateReady = certificateReady;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    if (engine != null
        && AcmeTlsAlpnConnectionFactory.PROTOCOL.equals(engine.getHandshakeApplicationProtocol())) {
      String domain = sniHost(engine.getHandshakeSession());
      Optional<ChallengeResponses.AlpnCertificate> c = responses.alpn(domain);
      return c.isPresent() && suits(keyType, c.get().key().getAlgorithm())
          ? ALIAS_PREFIX + domain
          : null;
    }
    return certificateReady.getAsBoolean()
        ? served.chooseEngineServerAlias(keyType, issuers, engine)
        : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return certificateReady.getAsBoolean()
        ? served.chooseServerAlias(keyType, issuers, socket)
        : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    if (alias != null && alias.startsWith(ALIAS_PREFIX)) {
      return responses
          .alpn(alias.substring(ALIAS_PREFIX.length()))
          .map(c -> new X509Certificate[] {c.certificate()})
          .orElse(null);
    }
    return served.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    if (alias != null && alias.startsWith(ALIAS_PREFIX)) {
      return responses
          .alpn(alias.substring(ALIAS_PREFIX.length()))
          .map(ChallengeResponses.AlpnCertificate::key)
          .orElse(null);
    }
    return served.getPrivateKey(alias);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return served.getServerAliases(keyType, issuers);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null; // a server key manager
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  /**
   * Whether a key of {@code algorithm} serves the key type a provider asks for: {@code RSA}, {@code
   * ECDHE_RSA} (TLS 1.2), never {@code RSASSA-PSS} (a PSS-only key), and likewise for EC.
   */
  static boolean suits(String keyType, String algorithm) {
    return switch (algorithm) {
      case "RSA" -> keyType.equals("RSA") || keyType.endsWith("_RSA");
      case "EC" ->
          keyType.equals("EC")
              || keyType.startsWith("EC/")
              || keyType.startsWith("EC_")
              || keyType.endsWith("_ECDSA");
      default -> keyType.equals(algorithm);
    };
  }

  private static String sniHost(SSLSession session) {
    if (session instanceof ExtendedSSLSession extended) {
      List<SNIServerName> names = extended.getRequestedServerNames();
      for (SNIServerName name : names) {
        if (name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }
}
