package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * Runs in its own JVM (SunJSSE reads the stapling switch once per process): a server whose
 * certificate names a local OCSP responder, two client connections; prints {@code STAPLED
 * <responses on the 1st> <responses on the 2nd> <status> <responder requests>}.
 */
public final class OcspStaplingMain {
  private OcspStaplingMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    TestCertificates.Ca ca = TestCertificates.ca();
    try (OcspResponder responder = new OcspResponder(ca)) {
      TestCertificates.Issued pem = responder.issue(dir.resolve("tls"));
      try (ArmetServer server =
          ArmetServer.create(
                  c ->
                      c.httpsPort(0)
                          .httpPort(0)
                          .bindAddress("127.0.0.1")
                          .environment(ArmetEnvironment.DEVELOPMENT)
                          .dataDirectory(dir.resolve("data"))
                          .stopAtShutdown(false)
                          .tls(t -> t.certificate(pem.fullchain(), pem.privateKey())))
              .start()) {
        SSLContext client = TestTls.trusting(ca.certificate());
        List<byte[]> first = staples(client, server.httpsPort());
        List<byte[]> second = staples(client, server.httpsPort());
        String status = first.isEmpty() ? "none" : status(first.get(0));
        System.out.println(
            "STAPLED "
                + first.size()
                + " "
                + second.size()
                + " "
                + status
                + " "
                + responder.requests());
      }
    }
  }

  private static List<byte[]> staples(SSLContext client, int port) throws Exception {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      try (SSLSocket socket =
          (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", port, true)) {
        socket.startHandshake();
        return ((ExtendedSSLSession) socket.getSession()).getStatusResponses();
      }
    }
  }

  private static String status(byte[] response) throws Exception {
    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response).getResponseObject();
    Object s = basic.getResponses()[0].getCertStatus();
    return s == null ? "good" : s.getClass().getSimpleName();
  }
}
