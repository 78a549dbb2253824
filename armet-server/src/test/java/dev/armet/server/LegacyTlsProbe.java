package dev.armet.server;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client run in its own JVM with the JDK's own bans lifted (a java.security override), so
 * that it really offers TLS 1.0/1.1 and weak suites. Prints one line per attempt: {@code <protocol>
 * <suite> OK|REFUSED|UNSUPPORTED}.
 */
public final class LegacyTlsProbe {
  private LegacyTlsProbe() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(
        null,
        new TrustManager[] {new TrustEverything()},
        null); // only the server's choice matters here
    for (int i = 1; i + 1 < args.length; i += 2) {
      System.out.println(
          args[i] + " " + args[i + 1] + " " + attempt(tls, port, args[i], args[i + 1]));
    }
  }

  private static String attempt(SSLContext tls, int port, String protocol, String suite) {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      try {
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setEnabledCipherSuites(new String[] {suite});
      } catch (IllegalArgumentException e) {
        return "UNSUPPORTED";
      }
      socket.startHandshake();
      return "OK";
    } catch (Exception e) {
      return "REFUSED";
    }
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
