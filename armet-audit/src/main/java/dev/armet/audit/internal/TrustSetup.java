package dev.armet.audit.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The two TLS contexts of an audit: one that validates (the system trust store plus the CAs the
 * user trusts), and one that accepts any chain, used only to continue auditing a site whose chain
 * failed (the failure itself is a finding). Neither touches the JVM's default context.
 */
public final class TrustSetup {
  private final SSLContext validating;
  private final SSLContext anyChain;

  public TrustSetup(List<X509Certificate> extraCas) {
    try {
      List<X509TrustManager> managers = new ArrayList<>();
      managers.add(managerFor(null));
      if (!extraCas.isEmpty()) {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < extraCas.size(); i++) {
          store.setCertificateEntry("ca-" + i, extraCas.get(i));
        }
        managers.add(managerFor(store));
      }
      validating = SSLContext.getInstance("TLS");
      validating.init(null, new TrustManager[] {new AnyOf(managers)}, null);
      anyChain = SSLContext.getInstance("TLS");
      anyChain.init(null, new TrustManager[] {new AcceptAll()}, null);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  public SSLContext validating() {
    return validating;
  }

  public SSLContext anyChain() {
    return anyChain;
  }

  private static X509TrustManager managerFor(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  /** Trusts a chain when any of the managers does. */
  private static final class AnyOf implements X509TrustManager {
    private final List<X509TrustManager> managers;

    AnyOf(List<X509TrustManager> managers) {
      this.managers = List.copyOf(managers);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the auditor is never a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      CertificateException last = null;
      for (X509TrustManager m : managers) {
        try {
          m.checkServerTrusted(chain, authType);
          return;
        } catch (CertificateException e) {
          last = e;
        }
      }
      throw last;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return managers.stream()
          .flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
          .toArray(X509Certificate[]::new);
    }
  }

  /** Accepts every chain: only after the validating attempt has recorded why it failed. */
  private static final class AcceptAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the auditor is never a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // Deliberately accepts: the audit has already recorded the chain failure as a finding.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
