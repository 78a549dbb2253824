package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.demo.DemoApplication;
import dev.armet.server.ArmetServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code armet audit} against armet-server with and without {@code tls.post-quantum}: the groups
 * accepted, the one a browser's offer negotiates, and the advice when no hybrid is offered.
 */
class AuditPostQuantumTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "post-quantum {0}")
  @ValueSource(booleans = {true, false})
  void audit_armetServer_reportsAcceptedAndNegotiatedGroups(boolean postQuantum) throws Exception {
    ArmetServer server =
        DemoApplication.create(
            c ->
                c.httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .dataDirectory(dir)
                    .tls(t -> t.postQuantum(postQuantum)));
    server.start();
    StringWriter out = new StringWriter();
    try {
      Main.run(
          new PrintWriter(out),
          new PrintWriter(new StringWriter()),
          "audit",
          "--ca",
          dir.resolve("tls/localhost-cert.pem").toString(),
          "--format",
          "json",
          "https://localhost:" + server.httpsPort() + "/");
    } finally {
      server.stop();
    }
    JsonNode tls = new ObjectMapper().readTree(out.toString()).get("tls");
    List<String> groups = new ArrayList<>();
    tls.get("groups").forEach(g -> groups.add(g.asText()));
    List<String> findings = new ArrayList<>();
    new ObjectMapper()
        .readTree(out.toString())
        .get("findings")
        .forEach(f -> findings.add(f.get("id").asText()));
    if (postQuantum) {
      assertThat(groups).contains("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");
      assertThat(tls.get("negotiatedGroup").asText()).isEqualTo("X25519MLKEM768");
      assertThat(findings).doesNotContain("tls-no-post-quantum");
    } else {
      assertThat(groups).contains("x25519", "secp256r1").doesNotContain("X25519MLKEM768");
      assertThat(tls.get("negotiatedGroup").asText()).isEqualTo("x25519");
      assertThat(findings).contains("tls-no-post-quantum");
      assertThat(out.toString()).contains("tls.post-quantum=true");
    }
  }
}
