package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.keys.Secrets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code armet audit} end to end: the demo in production mode (a separate process, as deployed)
 * grades A+; usage errors exit 2, an unreachable target 3, {@code --fail-under} 1; every format.
 */
class AuditCommandTest {
  @TempDir static Path data;
  static Process demo;
  static int httpsPort;
  static String url;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void startProductionDemo() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ProductionDemoMain.class.getName(),
            data.toString());
    pb.environment().put("ARMET_ENV", "production");
    pb.environment().put("ARMET_SECRETS", Secrets.generate());
    pb.environment().remove("ARMET_SECRETS_FILE");
    pb.environment().remove("ARMET_STORE");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    demo = pb.start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = lines.readLine()) != null; ) {
      if (line.startsWith("https port ")) {
        httpsPort = Integer.parseInt(line.substring("https port ".length()));
        break;
      }
    }
    assertThat(httpsPort).as("the production demo started").isPositive();
    url = "https://localhost:" + httpsPort + "/";
  }

  @AfterAll
  static void stopDemo() throws Exception {
    if (demo != null) {
      demo.destroy();
      if (!demo.waitFor(20, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void audit_productionDemo_gradesAPlus_andPassesFailUnderAPlus() throws Exception {
    int code =
        run(
            "audit",
            "--ca",
            data.resolve("ca.pem").toString(),
            "--fail-under",
            "A+",
            "--format",
            "json",
            url);
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.get("grade").asText()).as(out.toString()).isEqualTo("A+");
    assertThat(code).isEqualTo(Main.OK);
    assertThat(report.at("/observatory/grade").asText()).isEqualTo("A+");
    assertThat(report.at("/observatory/algorithmVersion").asInt()).isEqualTo(4);
    // The most a site off the HSTS preload list can get: default-src 'none', no 'unsafe-inline'
    // for styles either, a same-origin script with Subresource Integrity (was 125).
    assertThat(report.at("/observatory/score").asInt()).isEqualTo(140);
    assertThat(report.get("stack").asText()).isEqualTo("armet");
    assertThat(report.at("/tls/protocols").toString()).isEqualTo("[\"TLSv1.2\",\"TLSv1.3\"]");
    assertThat(report.at("/tls/mozillaProfile").asText())
        .isEqualTo("intermediate"); // the default profile
    assertThat(report.at("/tls/certificate/trusted").asBoolean()).isTrue();
    for (JsonNode f : report.get("findings")) {
      assertThat(f.get("severity").asText()).as(f.toString()).isEqualTo("info");
      assertThat(f.fieldNames())
          .toIterable()
          .containsExactly("id", "severity", "title", "evidence", "fix");
    }
    assertThat(err.toString()).contains("armet audit: " + url + " grade A+");
  }

  @Test
  void audit_serverInModernProfile_findsTls13Only(@TempDir Path dir) throws Exception {
    JsonNode report = auditDemo(dir, t -> t.profile(dev.armet.server.TlsProfile.MODERN));
    assertThat(report.at("/tls/protocols").toString()).isEqualTo("[\"TLSv1.3\"]");
    assertThat(report.at("/tls/mozillaProfile").asText()).isEqualTo("modern");
    assertThat(report.at("/tls/alpn").toString()).contains("h2");
  }

  /**
   * Groups accepted, the one a browser's offer negotiates, and advice when no hybrid is offered.
   */
  @ParameterizedTest(name = "post-quantum {0}")
  @ValueSource(booleans = {true, false})
  void audit_serverWithAndWithoutPostQuantum_reportsAcceptedAndNegotiatedGroups(
      boolean postQuantum, @TempDir Path dir) throws Exception {
    JsonNode report = auditDemo(dir, t -> t.postQuantum(postQuantum));
    List<String> groups = new ArrayList<>();
    report.at("/tls/groups").forEach(g -> groups.add(g.asText()));
    List<String> findings = new ArrayList<>();
    report.get("findings").forEach(f -> findings.add(f.get("id").asText()));
    if (postQuantum) {
      assertThat(groups).contains("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");
      assertThat(report.at("/tls/negotiatedGroup").asText()).isEqualTo("X25519MLKEM768");
      assertThat(findings).doesNotContain("tls-no-post-quantum");
    } else {
      assertThat(groups).contains("x25519", "secp256r1").doesNotContain("X25519MLKEM768");
      assertThat(report.at("/tls/negotiatedGroup").asText()).isEqualTo("x25519");
      assertThat(findings).contains("tls-no-post-quantum");
      assertThat(out.toString()).contains("tls.post-quantum=true");
    }
  }

  /** {@code armet audit --format json} of a demo server on loopback with its own TLS settings. */
  JsonNode auditDemo(Path dir, Consumer<dev.armet.server.TlsConfig.Builder> tls) throws Exception {
    dev.armet.server.ArmetServer server =
        dev.armet.demo.DemoApplication.create(
            c -> c.httpsPort(0).httpPort(0).bindAddress("127.0.0.1").dataDirectory(dir).tls(tls));
    server.start();
    try {
      run(
          "audit",
          "--ca",
          dir.resolve("tls/localhost-cert.pem").toString(),
          "--format",
          "json",
          "https://localhost:" + server.httpsPort() + "/");
    } finally {
      server.stop();
    }
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void audit_withoutTrustingTheCa_reportsTheChain_andFailsTheGate() {
    int code = run("audit", "--fail-under", "A", url);
    assertThat(code).isEqualTo(Main.FAILURE);
    assertThat(out.toString()).contains("certificate-untrusted", "hsts-invalid-cert");
    assertThat(err.toString()).contains("below A");
  }

  @Test
  void audit_closedPort_exitsThree() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(run("audit", "--timeout", "2s", "127.0.0.1:" + port))
        .isEqualTo(AuditCommand.UNREACHABLE);
    assertThat(err.toString()).contains("unreachable");
  }

  @Test
  void audit_badArguments_exitTwoWithTheReason() {
    assertThat(run("audit")).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--format", "xml", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--fail-under", "Z", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--header", "no colon", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--header", "Host: evil", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--timeout", "soon", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--resolve", "localhost:x:1.2.3.4", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--max-requests", "1", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "--login-probe", "/login", url)).isEqualTo(Main.USAGE);
    assertThat(run("audit", "ftp://example.org/")).isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .contains(
            "format must be one of",
            "grade must be one of",
            "Name: value",
            "use --resolve",
            "--timeout must look like",
            "HOST:PORT:ADDRESS",
            "between 5 and 1000",
            "--login-probe PATH and --username U go together",
            "http or https");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void audit_resolveToLoopback_keepsHostAndSni() {
    // The certificate names localhost; connecting to 127.0.0.1 for a made-up name keeps that name
    // in SNI.
    int code =
        run(
            "audit",
            "--ca",
            data.resolve("ca.pem").toString(),
            "--resolve",
            "demo.internal:" + httpsPort + ":127.0.0.1",
            "https://demo.internal:" + httpsPort + "/");
    assertThat(code).isEqualTo(Main.OK);
    assertThat(out.toString())
        .contains("certificate-hostname-mismatch")
        .doesNotContain("unreachable");
  }

  @Test
  void audit_everyFormat_writesItsDocument_toOutput() throws Exception {
    String ca = data.resolve("ca.pem").toString();
    Path html = data.resolve("report.html");
    assertThat(run("audit", "--ca", ca, "--format", "html", "--output", html.toString(), url))
        .isZero();
    assertThat(Files.readString(html))
        .contains("Content-Security-Policy", "default-src 'none'", "A+")
        .doesNotContain("<script", "http://", "src=");
    Path sarif = data.resolve("report.sarif");
    run("audit", "--ca", ca, "--format", "sarif", "--output", sarif.toString(), url);
    JsonNode s = new ObjectMapper().readTree(sarif.toFile());
    assertThat(s.get("version").asText()).isEqualTo("2.1.0");
    assertThat(s.at("/runs/0/tool/driver/name").asText()).isEqualTo("armet-audit");
    Path junit = data.resolve("report.xml");
    run("audit", "--ca", ca, "--format", "junit", "--output", junit.toString(), url);
    assertThat(Files.readString(junit)).startsWith("<?xml").contains("<testsuites", "grade A+");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void audit_baseline_hidesAcceptedFindings_andReportsExpiredOnes() throws Exception {
    Path baseline = data.resolve("baseline.json");
    Files.writeString(
        baseline,
        """
        {"accepted": [
          {"id": "certificate-untrusted", "reason": "staging uses a private CA", "expires": "2999-01-01"},
          {"id": "hsts-invalid-cert", "reason": "same", "expires": "2000-01-01"}
        ]}""");
    run("audit", "--baseline", baseline.toString(), "--format", "json", url);
    assertThat(out.toString())
        .doesNotContain("\"id\" : \"certificate-untrusted\"")
        .contains("\"id\" : \"hsts-invalid-cert\"", "baseline-expired:hsts-invalid-cert");
    Files.writeString(baseline, "{\"accepted\": [{\"id\": \"x\"}]}");
    assertThat(run("audit", "--baseline", baseline.toString(), url)).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("needs a non-empty \"reason\"");
  }
}
