package dev.armet.internal.server;

import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * ALPN (HTTP/2, {@code acme-tls/1}) on Bouncy Castle's JSSE engines, which Jetty's JDK processor
 * skips because it only applies to engines of the {@code java.base} module. Bouncy Castle
 * implements the same JDK 9 selector API, so this does what Jetty's JDK processor does. Registered
 * through {@code META-INF/services}; public only for the service loader.
 */
public final class BouncyCastleAlpnProcessor implements ALPNProcessor.Server {
  @Override
  public boolean appliesTo(SSLEngine engine) {
    return engine.getClass().getName().startsWith("org.bouncycastle.jsse.");
  }

  @Override
  public void configure(SSLEngine engine, Connection connection) {
    engine.setHandshakeApplicationProtocolSelector(new Selector((ALPNServerConnection) connection));
  }

  /** Chooses the protocol during the handshake; falls back to the default when none matched. */
  private static final class Selector
      implements BiFunction<SSLEngine, List<String>, String>, SslHandshakeListener {
    private final ALPNServerConnection alpn;

    Selector(ALPNServerConnection alpn) {
      this.alpn = alpn;
      ((SslConnection.SslEndPoint) alpn.getEndPoint())
          .getSslConnection()
          .addHandshakeListener(this);
    }

    @Override
    public String apply(SSLEngine engine, List<String> offered) {
      try {
        alpn.select(offered);
        return alpn.getProtocol();
      } catch (Throwable refused) {
        return null; // no common protocol: the handshake fails with no_application_protocol
      }
    }

    @Override
    public void handshakeSucceeded(Event event) {
      if (alpn.getProtocol() == null) {
        alpn.unsupported(); // the client sent no ALPN: the default protocol
      }
    }
  }
}
