package dev.armet.internal.server.acme;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;

/**
 * The {@code acme-tls/1} protocol on the HTTPS connector (RFC 8737): offered through ALPN after
 * HTTP/2 and HTTP/1.1, so only a client asking for nothing else (the CA's validator) gets it. The
 * handshake itself is the answer; the connection is then closed without reading a byte. (With
 * {@code tls.post-quantum} the CA's handshakes go to {@link AcmeValidationSslConnectionFactory}
 * instead.)
 */
public final class AcmeTlsAlpnConnectionFactory extends AbstractConnectionFactory {
  /** The ALPN protocol name of RFC 8737 §6.2. */
  public static final String PROTOCOL = "acme-tls/1";

  public AcmeTlsAlpnConnectionFactory() {
    super(PROTOCOL);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    return configure(
        HandshakeOnlyConnection.afterHandshake(endPoint, connector), connector, endPoint);
  }
}
