package dev.armet.audit.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** One probing TLS handshake with a chosen protocol, suites, groups and ALPN list; no HTTP. */
final class TlsHandshake {
  /** What one handshake gave. */
  record Outcome(SSLSession session, String alpn, List<byte[]> stapled) {}

  private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

  private final InetSocketAddress address;
  private final String host;
  private final SSLContext context;
  private final int timeoutMillis;

  TlsHandshake(InetSocketAddress address, String host, SSLContext context, int timeoutMillis) {
    this.address = address;
    this.host = host;
    this.context = context;
    this.timeoutMillis = timeoutMillis;
  }

  /** Whether this JVM can offer a chosen set of key-exchange groups (JDK 20+). */
  static boolean canChooseGroups() {
    return SET_NAMED_GROUPS != null;
  }

  /**
   * Handshakes; null when the server refused (an alert or a closed connection).
   *
   * @throws IOException when the target could not be reached at all
   * @throws IllegalStateException when this JVM refuses to offer the combination (disabled by its
   *     security properties)
   */
  Outcome attempt(String[] protocols, String[] suites, String[] groups, String[] alpn)
      throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(address, timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      SSLSocket tls =
          (SSLSocket)
              context.getSocketFactory().createSocket(plain, host, address.getPort(), false);
      SSLParameters p = tls.getSSLParameters();
      p.setProtocols(protocols);
      p.setCipherSuites(suites);
      if (!HttpProbe.isIpLiteral(host)) {
        p.setServerNames(List.of(new SNIHostName(host)));
      }
      if (alpn != null) {
        p.setApplicationProtocols(alpn);
      }
      if (groups != null && SET_NAMED_GROUPS != null) {
        try {
          SET_NAMED_GROUPS.invoke(p, (Object) groups);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot choose groups", e);
        }
      }
      tls.setSSLParameters(p);
      try {
        tls.startHandshake();
      } catch (SSLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No appropriate protocol")
            || m.contains("No negotiable cipher suite")
            || m.contains("No supported") && m.contains("client")) {
          throw new IllegalStateException(m, e);
        }
        return null;
      } catch (java.net.SocketException | java.io.EOFException e) {
        return null;
      }
      SSLSession session = tls.getSession();
      List<byte[]> stapled =
          session instanceof javax.net.ssl.ExtendedSSLSession x
              ? x.getStatusResponses()
              : List.of();
      Outcome out = new Outcome(session, tls.getApplicationProtocol(), stapled);
      tls.close();
      return out;
    }
  }

  private static Method namedGroupsSetter() {
    try {
      return SSLParameters.class.getMethod("setNamedGroups", String[].class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
