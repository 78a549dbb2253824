package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet demo} as a real process: starts on free ports, answers, stops on SIGTERM. */
class DemoCommandProcessTest {
  private static final Pattern HTTPS = Pattern.compile("^  https://localhost:(\\d+)/$");
  private static final Pattern HTTP =
      Pattern.compile("^  http://localhost:(\\d+)/ redirects to HTTPS$");

  @TempDir Path data;
  Process process;
  final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  final List<String> seen = new ArrayList<>();

  @AfterEach
  void kill() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void demo_onPortZero_startsAnswersAndStopsOnSigterm() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "demo",
            "--https-port",
            "0",
            "--http-port",
            "0",
            "--data",
            data.toString());
    pb.environment().remove("ARMET_ENV");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    process = pb.start();
    pump(process.getInputStream());

    assertThat(awaitLine("running in")).contains("development mode");
    int httpsPort = Integer.parseInt(awaitMatch(HTTPS).group(1));
    int httpPort = Integer.parseInt(awaitMatch(HTTP).group(1));
    assertThat(httpsPort).isPositive().isNotEqualTo(httpPort);

    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(data.resolve("tls/localhost-cert.pem")));
    HttpResponse<String> home =
        client(cert)
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("<script nonce=\"");
    assertThat(home.headers().firstValue("strict-transport-security")).isPresent();
    assertThat(home.headers().firstValue("server")).isEmpty();

    HttpResponse<Void> redirect =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/x?y=1"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(redirect.statusCode()).isEqualTo(308);
    assertThat(redirect.headers().firstValue("location"))
        .hasValue("https://localhost:" + httpsPort + "/x?y=1");

    // SIGTERM through the handle: Process.destroy() would also close our end of stdout.
    assertThat(process.toHandle().destroy()).isTrue();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    assertThat(awaitLine("stopped")).isEqualTo("Armet demo stopped.");
    assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the graceful stop
  }

  @Test
  void demo_restarted_keepsTheSessionInTheEmbeddedStore() throws Exception {
    int port = startDemo();
    assertThat(awaitLine("store:")).contains("sqlite");
    HttpClient browser = client(certificate(), new java.net.CookieManager());
    assertThat(visits(browser, port)).isEqualTo(1);
    assertThat(visits(browser, port)).isEqualTo(2);
    stop();
    assertThat(Files.exists(data.resolve("dev-secrets"))).isTrue();
    assertThat(Files.getPosixFilePermissions(data.resolve("dev-secrets")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    lines.clear();
    seen.clear();
    int again = startDemo();
    // Same data folder: same SQLite file and same development key ring, so the cookie still works.
    assertThat(visits(browser, again)).isEqualTo(3);
    stop();
  }

  @Test
  void demo_unknownStore_isAUsageError() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "demo",
            "--https-port",
            "0",
            "--http-port",
            "0",
            "--data",
            data.toString(),
            "--store",
            "mongodb://user:hunter2@127.0.0.1/x");
    pb.redirectErrorStream(true);
    process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(Main.USAGE);
    assertThat(output).contains("--store must be").doesNotContain("hunter2");
  }

  private int startDemo() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "demo",
            "--https-port",
            "0",
            "--http-port",
            "0",
            "--data",
            data.toString());
    pb.environment().remove("ARMET_ENV");
    pb.environment().remove("ARMET_SECRETS");
    pb.environment().remove("ARMET_SECRETS_FILE");
    pb.environment().remove("ARMET_STORE");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    process = pb.start();
    pump(process.getInputStream());
    return Integer.parseInt(awaitMatch(HTTPS).group(1));
  }

  private void stop() throws Exception {
    assertThat(process.toHandle().destroy()).isTrue();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
  }

  private X509Certificate certificate() throws Exception {
    try (InputStream in = Files.newInputStream(data.resolve("tls/localhost-cert.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static int visits(HttpClient browser, int port) throws Exception {
    // The __Host- cookie is for localhost; the certificate's SAN covers it.
    String body =
        browser
            .send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("<strong id=\"visits\">(\\d+)<").matcher(body);
    assertThat(m.find()).as("visit count in the page").isTrue();
    return Integer.parseInt(m.group(1));
  }

  private void pump(InputStream stdout) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                lines.add("<stdout failed: " + e + ">");
              }
            },
            "demo-stdout");
    t.setDaemon(true);
    t.start();
  }

  private String awaitLine(String fragment) throws InterruptedException {
    for (String s : seen) {
      if (s.contains(fragment)) {
        return s;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        break;
      }
      seen.add(line);
      if (line.contains(fragment)) {
        return line;
      }
    }
    throw new AssertionError("no line containing '" + fragment + "' in " + seen);
  }

  private Matcher awaitMatch(Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int i = 0;
    while (true) {
      while (i < seen.size()) {
        Matcher m = pattern.matcher(seen.get(i++));
        if (m.matches()) {
          return m;
        }
      }
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line matching " + pattern + " in " + seen);
      }
      seen.add(line);
    }
  }

  private static HttpClient client(X509Certificate cert) throws Exception {
    return client(cert, null);
  }

  private static HttpClient client(X509Certificate cert, java.net.CookieHandler cookies)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("demo", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpClient.Builder b =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30));
    if (cookies != null) {
      b.cookieHandler(cookies);
    }
    return b.build();
  }
}
