package dev.armet.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * A real ACME CA on loopback: Debian's {@code pebble} (the Let's Encrypt team's test CA, installed
 * by .ci/run) with {@code pebble-challtestsrv} as its DNS server, which answers every name with
 * 127.0.0.1. Pebble validates challenges against the ports it is given, so a test picks the
 * server's ports first. Its API certificate is made here; both processes die with {@link #close}.
 */
final class PebbleCa implements AutoCloseable {
  /** A name the test DNS resolves to 127.0.0.1. */
  static final String DOMAIN = "acme.armet.test";

  private final List<Process> processes = new ArrayList<>();
  private final Path dir;
  private final Path apiCa;
  private final int acmePort;
  private final int managementPort;

  private PebbleCa(Path dir, Path apiCa, int acmePort, int managementPort) {
    this.dir = dir;
    this.apiCa = apiCa;
    this.acmePort = acmePort;
    this.managementPort = managementPort;
  }

  /**
   * Starts DNS and CA; validation goes to {@code httpPort} (HTTP-01) and {@code tlsPort}
   * (TLS-ALPN-01) on 127.0.0.1.
   *
   * @param validity certificate lifetime in seconds (0: Pebble's default of about five years)
   * @param environment extra {@code PEBBLE_*} variables (e.g. to refuse every nonce)
   */
  static PebbleCa start(
      Path dir, int httpPort, int tlsPort, long validity, Map<String, String> environment)
      throws Exception {
    // Pebble cannot listen on port 0 and say which port it got: its ports are picked free, and
    // another process on this shared machine may take one before Pebble binds it. Then Pebble
    // exits with "address already in use" and is started again on fresh ports (each attempt in
    // its own folder, so logs never mix).
    for (int attempt = 1; ; attempt++) {
      Path at = attempt == 1 ? dir : dir.resolve("retry-" + attempt);
      try {
        return startOnce(at, httpPort, tlsPort, validity, environment);
      } catch (PortTaken e) {
        if (attempt == 3) {
          throw new IllegalStateException(
              "Pebble lost its ports to other processes three times", e);
        }
      }
    }
  }

  /** A Pebble process could not bind a port picked for it. */
  private static final class PortTaken extends Exception {
    private static final long serialVersionUID = 1L;

    PortTaken(String log) {
      super(log);
    }
  }

  private static PebbleCa startOnce(
      Path dir, int httpPort, int tlsPort, long validity, Map<String, String> environment)
      throws Exception {
    Files.createDirectories(dir);
    TestCertificates.Ca ca = TestCertificates.ca();
    TestCertificates.Issued api =
        TestCertificates.issue(
            ca,
            dir.resolve("api"),
            "localhost",
            TestCertificates.KeyFormat.PKCS8_EC,
            Duration.ofDays(2));
    Path apiCa = dir.resolve("pebble-api-ca.pem");
    Files.writeString(apiCa, TestCertificates.pem(ca.certificate()));
    int dns = freeUdpAndTcpPort();
    int acme = freePort();
    int management = freePort();
    Path config = dir.resolve("pebble-config.json");
    Files.writeString(
        config,
        """
        {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
          "ocspResponderURL": "", "externalAccountBindingRequired": false%s}}
        """
            .formatted(
                acme,
                management,
                api.fullchain(),
                api.privateKey(),
                httpPort,
                tlsPort,
                validity > 0 ? ", \"certificateValidityPeriod\": " + validity : ""));
    PebbleCa pebble = new PebbleCa(dir, apiCa, acme, management);
    try {
      pebble.run(
          "challtestsrv",
          Map.of(),
          "pebble-challtestsrv",
          "-dns01",
          "127.0.0.1:" + dns,
          "-http01",
          "",
          "-https01",
          "",
          "-tlsalpn01",
          "",
          "-management",
          "127.0.0.1:" + freePort(),
          "-defaultIPv6",
          "");
      Map<String, String> env =
          new java.util.HashMap<>(
              Map.of(
                  "PEBBLE_VA_NOSLEEP",
                  "1",
                  "PEBBLE_WFE_NONCEREJECT",
                  "0",
                  "PEBBLE_AUTHZREUSE",
                  "0"));
      env.putAll(environment);
      pebble.run(
          "pebble",
          env,
          "pebble",
          "-config",
          config.toString(),
          "-dnsserver",
          "127.0.0.1:" + dns,
          "-strict=false");
      pebble.awaitReady();
      return pebble;
    } catch (Exception | Error e) {
      pebble.close();
      String logs = pebble.allLogs();
      if (logs.contains("address already in use")) {
        throw new PortTaken(logs);
      }
      throw e;
    }
  }

  /** The ACME directory URL. */
  URI directory() {
    return URI.create("https://localhost:" + acmePort + "/dir");
  }

  /** The PEM file to trust for Pebble's API (tls.acme.ca-certificate). */
  Path apiCertificate() {
    return apiCa;
  }

  /** The root that signs issued certificates (Pebble makes a new one per run). */
  X509Certificate issuingRoot() throws Exception {
    HttpResponse<byte[]> root =
        client()
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + managementPort + "/roots/0"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(root.body()));
  }

  /** Pebble's log so far, for assertion messages. */
  String log() throws IOException {
    Path f = dir.resolve("pebble.log");
    return Files.isRegularFile(f) ? Files.readString(f) : "";
  }

  private String allLogs() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("challtestsrv.log", "pebble.log")) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        out.append(Files.readString(f));
      }
    }
    return out.toString();
  }

  private void run(String name, Map<String, String> env, String... command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    processes.add(pb.start());
  }

  private HttpClient client() throws Exception {
    SSLContext tls = dev.armet.internal.server.acme.AcmeTestAccess.trusting(apiCa);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private void awaitReady() throws Exception {
    HttpClient client = client();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (client
                .send(
                    HttpRequest.newBuilder(directory()).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Pebble process exited: " + log());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Pebble did not answer within 20 s: " + log());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static int freeUdpAndTcpPort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
          ServerSocket tcp =
              new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
        return tcp.getLocalPort();
      } catch (IOException taken) {
        // the TCP side is in use: another pair
      }
    }
    throw new IOException("no free UDP+TCP port pair on loopback");
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
