package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ARMET_ENV=production armet demo} takes the server settings 'armet serve' takes. */
class DemoProductionProcessTest {
  private static final Pattern HTTPS = Pattern.compile("^  https://localhost:(\\d+)/$");

  @TempDir Path dir;

  Map<String, String> production() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-days",
                "2",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0)
        .as("openssl made a certificate")
        .isTrue();
    Map<String, String> env = new HashMap<>();
    env.put("ARMET_ENV", "production");
    env.put("ARMET_SECRETS", dev.armet.keys.Secrets.generate());
    env.put("ARMET_TLS_CERTIFICATE", cert.toString());
    env.put("ARMET_TLS_PRIVATE_KEY", key.toString());
    env.put("ARMET_SERVER_ALLOW_ROOT", "true"); // CI may run as root
    env.put("ARMET_SERVER_HTTPS_PORT", "0");
    env.put("ARMET_SERVER_HTTP_PORT", "0");
    env.put("ARMET_SERVER_DATA_DIR", dir.resolve("data").toString());
    return env;
  }

  @Test
  void demo_inProduction_takesTheTlsAndRootSettingsFromArmetVariables() throws Exception {
    Map<String, String> env = production();
    try (ArmetProcess demo = ArmetProcess.start(env, dir.resolve("stderr.txt"), "demo")) {
      int port = Integer.parseInt(demo.awaitMatch(HTTPS).group(1));
      assertThat(demo.stdout()).anySatisfy(line -> assertThat(line).contains("production mode"));
      HttpResponse<String> home =
          ArmetProcess.trusting(Path.of(env.get("ARMET_TLS_CERTIFICATE")))
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.headers().firstValue("strict-transport-security")).isPresent();
    }
  }

  @Test
  void demo_inProductionWithoutACertificate_refusesWithExitTwo() throws Exception {
    Map<String, String> env = production();
    env.remove("ARMET_TLS_CERTIFICATE");
    env.remove("ARMET_TLS_PRIVATE_KEY");
    try (ArmetProcess demo = ArmetProcess.start(env, dir.resolve("stderr.txt"), "demo")) {
      assertThat(demo.awaitExit()).isEqualTo(Main.USAGE);
      assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("no certificate configured");
    }
  }

  @Test
  void demo_badSetting_isAConfigurationError() throws Exception {
    Map<String, String> env = production();
    env.put("ARMET_LIMITS_MAX_BODY_BYTES", "lots");
    try (ArmetProcess demo = ArmetProcess.start(env, dir.resolve("stderr.txt"), "demo")) {
      assertThat(demo.awaitExit()).isEqualTo(Main.USAGE);
      assertThat(Files.readString(dir.resolve("stderr.txt")))
          .contains("limits.max-body-bytes", "'lots'");
    }
  }
}
