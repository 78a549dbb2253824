package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that really offers TLS 1.0/1.1 and each weak suite (its JVM's own bans lifted) is
 * refused by the intermediate profile; the same client with a profile suite succeeds, which shows
 * the refusals are the server's. The server has an RSA certificate so that static-RSA and ECDHE_RSA
 * suites are all possible in principle.
 */
class LegacyTlsTest {
  static final Map<String, String> WEAK = new LinkedHashMap<>();
  static final Map<String, String> GOOD = new LinkedHashMap<>();

  static {
    WEAK.put("TLSv1 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS 1.0");
    WEAK.put("TLSv1.1 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS 1.1");
    WEAK.put("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "CBC");
    WEAK.put("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "CBC");
    WEAK.put("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "CBC + SHA-1");
    WEAK.put("TLSv1.2 TLS_RSA_WITH_AES_128_GCM_SHA256", "static RSA");
    WEAK.put("TLSv1.2 TLS_RSA_WITH_AES_256_CBC_SHA256", "static RSA + CBC");
    WEAK.put("TLSv1.2 TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "finite-field DHE");
    WEAK.put("TLSv1.2 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "3DES");
    WEAK.put("TLSv1.2 SSL_RSA_WITH_RC4_128_SHA", "RC4");
    WEAK.put("TLSv1.2 TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "anonymous");
    WEAK.put("TLSv1.2 TLS_ECDHE_RSA_WITH_NULL_SHA", "NULL");
    GOOD.put("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "");
    GOOD.put("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "");
    GOOD.put("TLSv1.2 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "");
    GOOD.put("TLSv1.3 TLS_AES_128_GCM_SHA256", "");
    GOOD.put("TLSv1.3 TLS_AES_256_GCM_SHA384", "");
    GOOD.put("TLSv1.3 TLS_CHACHA20_POLY1305_SHA256", "");
  }

  @TempDir static Path dir;
  static ArmetServer server;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates.Issued rsa =
        TestCertificates.issue(
            TestCertificates.ca(),
            dir.resolve("pem"),
            "localhost",
            TestCertificates.KeyFormat.PKCS1_RSA,
            Duration.ofDays(90));
    server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.DEVELOPMENT)
                        .dataDirectory(dir)
                        .stopAtShutdown(false)
                        .tls(t -> t.certificate(rsa.fullchain(), rsa.privateKey())))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void legacyClient_isRefusedEveryWeakChoice_andServedTheProfileSuites() throws Exception {
    Map<String, String> results = probe();
    List<String> offered = new ArrayList<>();
    for (Map.Entry<String, String> weak : WEAK.entrySet()) {
      String result = results.get(weak.getKey());
      assertThat(result)
          .as("%s (%s)", weak.getKey(), weak.getValue())
          .isIn("REFUSED", "UNSUPPORTED");
      if (result.equals("REFUSED")) {
        offered.add(weak.getValue());
      }
    }
    // The JDK may have dropped some suites entirely; these must have been really offered.
    assertThat(offered)
        .contains("TLS 1.0", "TLS 1.1", "CBC", "static RSA", "finite-field DHE", "3DES");
    for (String good : GOOD.keySet()) {
      assertThat(results.get(good)).as(good).isEqualTo("OK");
    }
  }

  private static Map<String, String> probe() throws Exception {
    Path security = dir.resolve("legacy.java.security");
    Files.writeString(
        security,
        "jdk.tls.disabledAlgorithms=\njdk.certpath.disabledAlgorithms=\n"
            + "jdk.tls.legacyAlgorithms=\n");
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Djava.security.properties=" + security,
                "-cp",
                System.getProperty("java.class.path"),
                LegacyTlsProbe.class.getName(),
                Integer.toString(server.httpsPort())));
    for (String attempt : WEAK.keySet()) {
      command.addAll(List.of(attempt.split(" ")));
    }
    for (String attempt : GOOD.keySet()) {
      command.addAll(List.of(attempt.split(" ")));
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 3) {
        results.put(parts[0] + " " + parts[1], parts[2]);
      }
    }
    assertThat(results).as("probe output: %s", out).hasSize(WEAK.size() + GOOD.size());
    return results;
  }
}
