package dev.armet.server;

import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's server TLS context with the two hooks Jetty lacks: the key-exchange groups in order
 * ({@code SSLParameters.setNamedGroups}, which Bouncy Castle's JSSE honours too) and a wrapper
 * around the key managers (the ACME certificate selection), applied again on every reload.
 */
final class ServerSslContextFactory extends SslContextFactory.Server {
  private final List<String> namedGroups;
  private final UnaryOperator<X509ExtendedKeyManager> keyManagers;

  /**
   * @param namedGroups the groups, most preferred first; empty: the provider's default
   * @param keyManagers wraps each key manager; {@link UnaryOperator#identity()} for none
   */
  ServerSslContextFactory(
      List<String> namedGroups, UnaryOperator<X509ExtendedKeyManager> keyManagers) {
    this.namedGroups = List.copyOf(namedGroups);
    this.keyManagers = keyManagers;
  }

  @Override
  public SSLParameters customize(SSLParameters parameters) {
    SSLParameters customized = super.customize(parameters);
    if (!namedGroups.isEmpty()) {
      customized.setNamedGroups(namedGroups.toArray(String[]::new));
    }
    return customized;
  }

  /** The key manager factory of the configured provider (Bouncy Castle's own with its JSSE). */
  @Override
  protected KeyManagerFactory getKeyManagerFactoryInstance() throws NoSuchAlgorithmException {
    if (getProvider() == null) {
      return super.getKeyManagerFactoryInstance();
    }
    try {
      return KeyManagerFactory.getInstance(getKeyManagerFactoryAlgorithm(), getProvider());
    } catch (NoSuchProviderException e) {
      throw new NoSuchAlgorithmException("TLS provider " + getProvider() + " is not registered", e);
    }
  }

  @Override
  protected KeyManager[] getKeyManagers(KeyStore keyStore) throws Exception {
    KeyManager[] managers = super.getKeyManagers(keyStore);
    if (managers == null) {
      return null;
    }
    KeyManager[] wrapped = managers.clone();
    for (int i = 0; i < wrapped.length; i++) {
      if (wrapped[i] instanceof X509ExtendedKeyManager km) {
        wrapped[i] = keyManagers.apply(km);
      }
    }
    return wrapped;
  }
}
