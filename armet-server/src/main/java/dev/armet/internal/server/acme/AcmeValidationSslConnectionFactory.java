package dev.armet.internal.server.acme;

import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS for the CA's TLS-ALPN-01 validation handshakes alone (RFC 8737 §3), on a TLS context of its
 * own, put in front of the HTTPS connector's usual TLS by a Jetty {@code
 * DetectorConnectionFactory}. It recognises a connection by its ClientHello: complete, well formed,
 * and offering through ALPN exactly one protocol, {@code acme-tls/1}, as RFC 8737 requires of the
 * CA. Everything else (every browser, anything unreadable) is not recognised and goes on to the
 * usual TLS unchanged.
 *
 * <p>Needed with {@code tls.post-quantum}: Bouncy Castle's JSSE chooses the certificate before the
 * ALPN protocol, so its key manager cannot tell the CA from a browser, while this context runs on
 * the JDK's SunJSSE, where {@code acme-tls/1} is chosen first and {@link AcmeCertificateSelector}
 * then picks the validation certificate. The connection is closed once the handshake is done.
 */
public final class AcmeValidationSslConnectionFactory extends SslConnectionFactory {
  /**
   * @param validation a TLS context whose key managers are wrapped by {@link
   *     AcmeCertificateSelector#wrapForValidationOnly}
   */
  public AcmeValidationSslConnectionFactory(SslContextFactory.Server validation) {
    super(validation, AcmeTlsAlpnConnectionFactory.PROTOCOL);
  }

  @Override
  public Detection detect(ByteBuffer buffer) {
    ClientHelloAlpn.Reading reading = ClientHelloAlpn.read(buffer);
    if (reading instanceof ClientHelloAlpn.Incomplete) {
      return Detection.NEED_MORE_BYTES;
    }
    return reading instanceof ClientHelloAlpn.Offered offered
            && offered.protocols().equals(List.of(AcmeTlsAlpnConnectionFactory.PROTOCOL))
        ? Detection.RECOGNIZED
        : Detection.NOT_RECOGNIZED;
  }

  /**
   * The TLS connection, whose decrypted side only waits for the handshake and then closes: the
   * handshake is the whole answer. (Jetty opens that side before the handshake, unlike the
   * connection ALPN chooses after it, so {@link AcmeTlsAlpnConnectionFactory}'s would close at
   * once.)
   */
  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    SslConnection tls = (SslConnection) super.newConnection(connector, endPoint);
    SslConnection.SslEndPoint decrypted = tls.getSslEndPoint();
    decrypted.setConnection(HandshakeOnlyConnection.beforeHandshake(decrypted, connector));
    tls.addHandshakeListener(
        new SslHandshakeListener() {
          @Override
          public void handshakeSucceeded(Event event) {
            decrypted.close();
          }
        });
    return tls;
  }

  @Override
  protected SslConnection newSslConnection(
      Connector connector, EndPoint endPoint, SSLEngine engine) {
    // No Jetty ALPN connection here: the engine itself agrees on acme-tls/1, before it asks the
    // key manager for a certificate.
    engine.setHandshakeApplicationProtocolSelector(
        (e, offered) ->
            offered.contains(AcmeTlsAlpnConnectionFactory.PROTOCOL)
                ? AcmeTlsAlpnConnectionFactory.PROTOCOL
                : null);
    return super.newSslConnection(connector, endPoint, engine);
  }
}
