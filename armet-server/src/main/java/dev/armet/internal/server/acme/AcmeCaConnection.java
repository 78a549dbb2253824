package dev.armet.internal.server.acme;

import dev.armet.server.acme.AcmeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * An acme4j {@link Session} to the configured directory, over an HTTPS client that trusts the JDK's
 * CAs or, with {@code tls.acme.ca-certificate}, exactly the certificates of that PEM file (a
 * private CA such as step-ca or Pebble). Certificate checks are never switched off.
 */
final class AcmeCaConnection {
  private AcmeCaConnection() {}

  static Session open(AcmeConfig config) throws IOException {
    SSLContext tls = config.caCertificate() == null ? null : trusting(config.caCertificate());
    return new Session(config.directory(), new TrustingProvider(tls));
  }

  static SSLContext trusting(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IOException("tls.acme.ca-certificate " + pem + " holds no PEM certificate");
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "tls.acme.ca-certificate " + pem + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** acme4j's generic provider with the HTTP client's trust replaced when a CA file is given. */
  private static final class TrustingProvider extends GenericAcmeProvider {
    private final SSLContext tls;

    TrustingProvider(SSLContext tls) {
      this.tls = tls;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(settings.getTimeout())
              .proxy(settings.getProxySelector());
      if (settings.getAuthenticator() != null) {
        b.authenticator(settings.getAuthenticator());
      }
      if (tls != null) {
        b.sslContext(tls);
      }
      return b.build();
    }
  }
}
