package dev.armet.bench;

import dev.armet.env.ArmetEnvironment;
import dev.armet.server.ArmetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Full TLS 1.3 handshakes per second (no resumption) against armet-server with and without {@code
 * tls.post-quantum}: one client thread, P-256 certificate, each case after a warm-up.
 *
 * <pre>java -cp … dev.armet.bench.HandshakeRate [seconds per case, default 10]</pre>
 */
public final class HandshakeRate {
  private HandshakeRate() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Provider bc = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    System.out.println("| server | client | groups offered | handshakes/s |");
    System.out.println("|---|---|---|---:|");
    for (boolean pq : new boolean[] {false, true}) {
      Path data = Files.createTempDirectory("armet-handshakes");
      try (ArmetServer server =
          ArmetServer.create(
                  c ->
                      c.httpsPort(0)
                          .httpPort(0)
                          .bindAddress("127.0.0.1")
                          .environment(ArmetEnvironment.DEVELOPMENT)
                          .dataDirectory(data)
                          .stopAtShutdown(false)
                          .tls(t -> t.postQuantum(pq)))
              .start()) {
        String serverName = pq ? "post-quantum (BCJSSE)" : "classical (SunJSSE)";
        run(
            serverName,
            "SunJSSE",
            context(server.certificate(), null),
            server.httpsPort(),
            List.of("x25519"),
            seconds);
        if (pq) {
          run(
              serverName,
              "BCJSSE",
              context(server.certificate(), bc),
              server.httpsPort(),
              List.of("X25519MLKEM768", "secp256r1"),
              seconds);
        }
      }
    }
  }

  private static void run(
      String server, String client, SSLContext tls, int port, List<String> groups, int seconds)
      throws Exception {
    handshakes(tls, port, groups, Math.max(2, seconds / 3)); // warm-up
    double rate = handshakes(tls, port, groups, seconds);
    System.out.printf("| %s | %s | %s | %.0f |%n", server, client, String.join(", ", groups), rate);
  }

  private static double handshakes(SSLContext tls, int port, List<String> groups, int seconds)
      throws Exception {
    return TlsHandshakes.perSecond(() -> tls, port, groups, null, 1, seconds);
  }

  private static SSLContext context(X509Certificate trusted, Provider provider) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", trusted);
    TrustManagerFactory tmf =
        provider == null
            ? TrustManagerFactory.getInstance("PKIX")
            : TrustManagerFactory.getInstance("PKIX", provider);
    tmf.init(trust);
    SSLContext context =
        provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
