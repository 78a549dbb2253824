package dev.armet.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS settings of the HTTPS connector: TLS 1.3 and 1.2 only; in 1.2 only ECDHE key
 * exchange (forward secrecy) with AEAD ciphers (GCM, ChaCha20-Poly1305); no renegotiation.
 * (Later: Mozilla-style profiles and PEM hot reload belong here.)
 */
final class TlsSetup {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  static final String[] CIPHER_SUITES = {
    // TLS 1.3: all three are AEAD with ephemeral key exchange by construction.
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
    // TLS 1.2: ECDHE + AEAD. Excluded: static RSA key exchange (no forward secrecy), CBC
    // (padding-oracle history), DHE (slow, small-group downgrades), SHA-1 MACs, 3DES, RC4.
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  };

  private TlsSetup() {}

  static SslContextFactory.Server contextFactory(X509Certificate certificate, PrivateKey key) throws IOException {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    char[] password = randomPassword();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, new X509Certificate[] {certificate});
      factory.setKeyStore(store);
      factory.setKeyStorePassword(new String(password));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the TLS key: " + e.getMessage(), e);
    }
    factory.setIncludeProtocols(PROTOCOLS);
    factory.setIncludeCipherSuites(CIPHER_SUITES);
    factory.setUseCipherSuitesOrder(true);
    factory.setRenegotiationAllowed(false);
    factory.setSniRequired(false);
    return factory;
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }
}
