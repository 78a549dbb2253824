package dev.armet.server;

import dev.armet.internal.server.PreEncodedSecurityHeaders;
import dev.armet.internal.server.acme.AcmeCertificateSelector;
import dev.armet.internal.server.acme.AcmeHttpChallengeHandler;
import dev.armet.internal.server.acme.AcmeTlsAlpnConnectionFactory;
import dev.armet.internal.server.acme.AcmeValidationSslConnectionFactory;
import dev.armet.server.acme.AcmeChallengeType;
import dev.armet.server.acme.AcmeConfig;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Puts the Jetty server together: an HTTPS connector (TLS, then ALPN choosing HTTP/2 or HTTP/1.1),
 * a plain connector that only redirects, the limits, and the handler chain {@code graceful → HTTP/2
 * head limit → body timeout → TRACE refusal → URI limits → [ACME HTTP-01 answers] → HTTPS redirect
 * → body charset → body size → pre-encoded security headers → servlet context}.
 */
record ServerAssembly(
    Server server, ServerConnector https, ServerConnector http, SslContextFactory.Server tls) {

  /**
   * @param acme the ACME challenge answers when the certificate comes from ACME (adds the {@code
   *     acme-tls/1} protocol and the HTTP-01 path), or null
   */
  static ServerAssembly create(
      ArmetServerConfig config, ServerCertificate certificate, AcmeCertificateSelector acme)
      throws java.io.IOException {
    RequestLimits limits = config.limits();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("armet");
    Server s = new Server(threads);

    HttpConfiguration plain = new HttpConfiguration();
    plain.setSendServerVersion(false);
    plain.setSendXPoweredBy(false);
    plain.setRequestHeaderSize(limits.maxRequestHeaderBytes());
    plain.setIdleTimeout(limits.idleTimeout().toMillis());
    // sendRedirect("/x") stays relative: an absolute Location would be built from the Host header.
    plain.setRelativeRedirectAllowed(true);
    plain.setSecureScheme("https");

    HttpConfiguration secure = new HttpConfiguration(plain);
    // HSTS is the filter's job (one policy); SNI is not required because clients omit it for IPs.
    secure.addCustomizer(new SecureRequestCustomizer(false, true, -1, false));

    SslContextFactory.Server tls =
        TlsSetup.contextFactory(
            config.tls(), certificate, acme == null ? UnaryOperator.identity() : acme::wrap);
    HttpConnectionFactory http11 = new HttpConnectionFactory(secure);
    // HPACK's own limit would refuse by closing the connection: keep it as a hard bound only,
    // and answer 431 at the HTTP/1.1 limit (Http2HeaderLimitHandler).
    HttpConfiguration secureH2 = new HttpConfiguration(secure);
    secureH2.setRequestHeaderSize(
        limits.maxRequestHeaderBytes() * Http2HeaderLimitHandler.HPACK_FACTOR);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(secureH2);
    ServerConnector https =
        new ServerConnector(s, httpsFactories(config, certificate, acme, tls, h2, http11));
    https.setName("https");
    https.setHost(config.bindAddress());
    https.setPort(config.httpsPort());
    https.setIdleTimeout(limits.idleTimeout().toMillis());

    ServerConnector http = new ServerConnector(s, new HttpConnectionFactory(plain));
    http.setName("http");
    http.setHost(config.bindAddress());
    http.setPort(config.httpPort());
    http.setIdleTimeout(limits.idleTimeout().toMillis());
    s.addConnector(https);
    s.addConnector(http);
    s.addBean(new NetworkConnectionLimit(limits.maxConnections(), https, http));
    s.addBean(new HeaderTimeout(limits.headerTimeout(), List.of(https, http)));

    ServletContextHandler context = ServletContextAssembly.create(config);
    SizeLimitHandler bodyLimit =
        new SizeLimitHandler(limits.maxBodyBytes(), -1); // 413 past the limit
    bodyLimit.setHandler(PreEncodedSecurityHeaders.wrap(config.filter(), context));
    HttpsRedirectHandler redirect =
        new HttpsRedirectHandler(
            new BodyCharsetHandler(bodyLimit),
            config.filter().headers(),
            config.canonicalHost(),
            https::getLocalPort);
    Handler plainHttp =
        acme == null ? redirect : new AcmeHttpChallengeHandler(redirect, acme.responses());
    Handler checks =
        new Http2HeaderLimitHandler(
            new BodyTimeoutHandler(
                new UnreadBodyHandler(
                    new TraceRefusalHandler(new UriLimitHandler(plainHttp, limits))),
                limits.bodyTimeout()),
            limits.maxRequestHeaderBytes());
    s.setHandler(new GracefulHandler(checks));
    s.setErrorHandler(new ServerErrorHandler(config.filter().headers(), config.environment()));
    s.setStopTimeout(config.stopTimeout().toMillis());
    s.setStopAtShutdown(config.stopAtShutdown());
    return new ServerAssembly(s, https, http, tls);
  }

  /**
   * TLS, then ALPN choosing HTTP/2 or HTTP/1.1; with ACME also {@code acme-tls/1}, offered last so
   * only a client asking for nothing else (the CA's validator) gets it. With TLS-ALPN-01 on Bouncy
   * Castle's JSSE ({@code tls.post-quantum}), whose key manager cannot see the ALPN protocol, the
   * CA's handshakes are told apart by their ClientHello before any TLS and go to a SunJSSE context
   * of their own; the connector's ALPN then offers only h2 and HTTP/1.1.
   */
  private static ConnectionFactory[] httpsFactories(
      ArmetServerConfig config,
      ServerCertificate certificate,
      AcmeCertificateSelector acme,
      SslContextFactory.Server tls,
      HTTP2ServerConnectionFactory h2,
      HttpConnectionFactory http11)
      throws java.io.IOException {
    boolean validationApart =
        acme != null
            && config.tls().postQuantum()
            && config.tls().acme().map(AcmeConfig::challenge).orElse(null)
                == AcmeChallengeType.TLS_ALPN_01;
    ALPNServerConnectionFactory alpn =
        validationApart
            ? new ALPNServerConnectionFactory("h2", "http/1.1") // the ALPN ids, RFC 7301 §6
            : new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http11.getProtocol()); // clients without ALPN speak HTTP/1.1
    SslConnectionFactory usualTls = new SslConnectionFactory(tls, alpn.getProtocol());
    if (acme == null) {
      return new ConnectionFactory[] {usualTls, alpn, h2, http11};
    }
    AcmeTlsAlpnConnectionFactory acmeTls = new AcmeTlsAlpnConnectionFactory();
    if (!validationApart) {
      return new ConnectionFactory[] {usualTls, alpn, h2, http11, acmeTls};
    }
    SslContextFactory.Server validation =
        TlsSetup.validationContextFactory(config.tls(), certificate, acme::wrapForValidationOnly);
    DetectorConnectionFactory detector =
        new DetectorConnectionFactory(new AcmeValidationSslConnectionFactory(validation));
    // Not recognised: the next protocol, the usual TLS.
    return new ConnectionFactory[] {detector, usualTls, alpn, h2, http11, acmeTls};
  }
}
