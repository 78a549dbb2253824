/**
 * Armet's production server: Jetty 12 with TLS (files, keystores or ACME), HTTP/2, request limits,
 * privilege drop and the {@code ArmetFilter} in front of the application.
 *
 * <p>{@code HeaderTimeout} reads Jetty's {@code org.eclipse.jetty.server.internal.HttpConnection}
 * (the only view of the parser state), a package Jetty does not export: the build adds {@code
 * --add-exports org.eclipse.jetty.server/org.eclipse.jetty.server.internal=dev.armet.server}, and
 * an application that runs this module on the module path must pass the same option to {@code java}
 * (on the class path nothing is needed).
 */
module dev.armet.server {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time
  requires transitive dev.armet.servlet;
  requires dev.armet.deps;
  requires transitive org.eclipse.jetty.server;
  requires org.eclipse.jetty.ee10.servlet;
  requires org.eclipse.jetty.http2.server;
  requires org.eclipse.jetty.alpn.server;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.bouncycastle.tls;
  requires org.shredzone.acme4j;
  requires org.slf4j;
  requires java.net.http;

  exports dev.armet.server;
  exports dev.armet.server.acme;

  provides org.eclipse.jetty.io.ssl.ALPNProcessor.Server with
      dev.armet.internal.server.BouncyCastleAlpnProcessor;
}
