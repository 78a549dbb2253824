package dev.armet.internal.server.acme;

import java.io.IOException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The decrypted side of a TLS-ALPN-01 validation connection (RFC 8737 §3): the handshake is the
 * whole answer, so nothing is ever read or written here. Opened after the handshake (ALPN chose
 * {@code acme-tls/1}), it closes at once; opened before it (Jetty opens the decrypted side of a TLS
 * connection first), it reads only to drive the handshake and closes on anything the client then
 * sends, on its close, or on a failed handshake.
 */
final class HandshakeOnlyConnection extends AbstractConnection {
  private final boolean handshakeDone;

  private HandshakeOnlyConnection(EndPoint endPoint, Connector connector, boolean handshakeDone) {
    super(endPoint, connector.getExecutor());
    this.handshakeDone = handshakeDone;
  }

  /** For a connection whose handshake is over. */
  static HandshakeOnlyConnection afterHandshake(EndPoint endPoint, Connector connector) {
    return new HandshakeOnlyConnection(endPoint, connector, true);
  }

  /** For a connection whose handshake has yet to happen; the caller closes it once it succeeds. */
  static HandshakeOnlyConnection beforeHandshake(EndPoint endPoint, Connector connector) {
    return new HandshakeOnlyConnection(endPoint, connector, false);
  }

  @Override
  public void onOpen() {
    super.onOpen();
    if (handshakeDone) {
      getEndPoint().close();
    } else {
      fillInterested(); // Jetty's TLS handshakes as the decrypted side reads
    }
  }

  @Override
  public void onFillable() {
    try {
      if (getEndPoint().fill(BufferUtil.allocate(64)) == 0) {
        fillInterested(); // the handshake goes on
        return;
      }
    } catch (IOException failed) {
      // the handshake failed: the TLS connection has sent its alert
    }
    getEndPoint().close();
  }
}
