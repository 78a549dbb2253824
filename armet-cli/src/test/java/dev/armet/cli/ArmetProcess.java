package dev.armet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
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

/**
 * The {@code armet} command as a real process, with no {@code ARMET_*} variable but those given:
 * its stdout read line by line, waited on with a bound.
 */
final class ArmetProcess implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ArmetProcess(Process process) {
    this.process = process;
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<stdout failed: " + e + ">");
              }
            },
            "armet-stdout");
    t.setDaemon(true);
    t.start();
  }

  /** Starts {@code armet args…}; stderr goes to {@code stderr} (a file) when not null. */
  static ArmetProcess start(java.util.Map<String, String> env, Path stderr, String... args)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    // Native access as the armet jar's manifest grants it (Enable-Native-Access).
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("ARMET_"));
    pb.environment().putAll(env);
    pb.redirectError(
        stderr == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(stderr.toFile()));
    return new ArmetProcess(pb.start());
  }

  /** The first line matching {@code pattern}, waiting up to 60 s. */
  Matcher awaitMatch(Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int i = 0;
    while (true) {
      while (i < seen.size()) {
        Matcher m = pattern.matcher(seen.get(i++));
        if (m.find()) {
          return m;
        }
      }
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(
            "no line matching "
                + pattern
                + " in "
                + seen
                + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"));
      }
      seen.add(line);
    }
  }

  /** Waits up to 60 s for the exit; the exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after 60 s; stdout: " + seen);
    }
    return process.exitValue();
  }

  /** Everything printed on stdout so far (after the exit: all of it). */
  List<String> stdout() throws InterruptedException {
    lines.drainTo(seen);
    return List.copyOf(seen);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A client trusting only the development certificate in {@code dataFolder}. */
  static HttpClient trustingDevelopmentCertificate(Path dataFolder) throws Exception {
    return trusting(dataFolder.resolve("tls/localhost-cert.pem"));
  }

  /** A client trusting only the PEM certificate in {@code certificateFile}. */
  static HttpClient trusting(Path certificateFile) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(certificateFile)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
  }
}
