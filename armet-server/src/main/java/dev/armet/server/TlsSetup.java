package dev.armet.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.X509ExtendedKeyManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector's {@link SslContextFactory}: the protocols and suites of a {@link
 * TlsProfile}, server order, no renegotiation, and the certificate as an in-memory key store that
 * {@link #reload} swaps without touching established connections.
 */
final class TlsSetup {
  private TlsSetup() {}

  /**
   * The factory for {@code tls}: its profile, on Bouncy Castle's JSSE with the post-quantum group
   * first when {@link TlsConfig#postQuantum()}, key managers wrapped by {@code keyManagers}.
   */
  static SslContextFactory.Server contextFactory(
      TlsConfig tls,
      ServerCertificate certificate,
      UnaryOperator<X509ExtendedKeyManager> keyManagers)
      throws IOException {
    return contextFactory(tls.profile(), tls.postQuantum(), certificate, keyManagers);
  }

  /**
   * A factory on the JDK's SunJSSE for the CA's TLS-ALPN-01 handshakes alone, beside a post-quantum
   * connector (see {@link dev.armet.internal.server.acme.AcmeValidationSslConnectionFactory});
   * {@code certificate} only fills its key store, and {@code keyManagers} keeps it from being
   * presented.
   */
  static SslContextFactory.Server validationContextFactory(
      TlsConfig tls,
      ServerCertificate certificate,
      UnaryOperator<X509ExtendedKeyManager> keyManagers)
      throws IOException {
    return contextFactory(tls.profile(), false, certificate, keyManagers);
  }

  private static SslContextFactory.Server contextFactory(
      TlsProfile profile,
      boolean postQuantum,
      ServerCertificate certificate,
      UnaryOperator<X509ExtendedKeyManager> keyManagers)
      throws IOException {
    SslContextFactory.Server factory =
        new ServerSslContextFactory(postQuantum ? PostQuantumTls.GROUPS : List.of(), keyManagers);
    if (postQuantum) {
      PostQuantumTls.registerProviders();
      factory.setProvider(PostQuantumTls.PROVIDER);
      factory.setKeyManagerFactoryAlgorithm("PKIX"); // Bouncy Castle's, which knows its key types
    }
    install(factory, certificate);
    factory.setIncludeProtocols(profile.protocols().toArray(String[]::new));
    factory.setIncludeCipherSuites(profile.cipherSuites().toArray(String[]::new));
    factory.setUseCipherSuitesOrder(true);
    factory.setRenegotiationAllowed(false);
    // Clients omit SNI for IP addresses; one certificate per connector needs no SNI.
    factory.setSniRequired(false);
    // The key store is built in memory from checked files; Jetty's endpoint identification
    // is for clients, not servers.
    factory.setEndpointIdentificationAlgorithm(null);
    return factory;
  }

  /** Puts {@code certificate} in service for new handshakes; open connections keep theirs. */
  static void reload(SslContextFactory.Server factory, ServerCertificate certificate)
      throws Exception {
    factory.reload(
        f -> {
          try {
            install((SslContextFactory.Server) f, certificate);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static void install(SslContextFactory.Server factory, ServerCertificate certificate)
      throws IOException {
    char[] password = randomPassword(); // only guards the in-memory store; never written anywhere
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server",
          certificate.key(),
          password,
          certificate.chain().toArray(X509Certificate[]::new));
      factory.setKeyStore(store);
      factory.setKeyStorePassword(new String(password));
      if (factory.getProvider() == null) {
        factory.setCertAlias(
            "server"); // Bouncy Castle's key manager names entries its own way; there is one
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the TLS key: " + e.getMessage(), e);
    }
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }
}
