package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.check.Finding;
import dev.armet.check.Severity;
import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.tls.GroupAnswer;
import dev.armet.internal.tls.GroupProbe;
import dev.armet.internal.tls.NamedGroups;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The doctor's negotiated group (an in-memory handshake with the connector's own engine) against
 * the running server probed over loopback with the same ClientHello: both agree, with and without
 * {@code tls.post-quantum}.
 */
class NegotiatedGroupTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "post-quantum {0}")
  @ValueSource(booleans = {true, false})
  void doctor_andLiveServer_agreeOnTheNegotiatedGroup(boolean postQuantum) throws Exception {
    String expected = postQuantum ? "X25519MLKEM768" : "x25519";
    TestCertificates.Issued pem =
        TestCertificates.issue(
            TestCertificates.ca(),
            dir.resolve("tls"),
            "localhost",
            TestCertificates.KeyFormat.PKCS8_EC,
            Duration.ofDays(30));
    ArmetServer server = server(postQuantum, t -> t.certificate(pem.fullchain(), pem.privateKey()));
    Finding doctor = groupsFinding(server);
    assertThat(doctor.severity()).isEqualTo(Severity.INFO);
    assertThat(doctor.message())
        .startsWith("a browser offering X25519MLKEM768, x25519, secp256r1, secp384r1")
        .contains("negotiates " + expected);
    try (ArmetServer running = server.start()) {
      GroupProbe probe =
          new GroupProbe(
              new InetSocketAddress("127.0.0.1", running.httpsPort()),
              "localhost",
              Duration.ofSeconds(10));
      GroupAnswer browser = probe.offer(NamedGroups.BROWSER);
      assertThat(browser.isSelected()).as(browser.toString()).isTrue();
      assertThat(NamedGroups.name(browser.group())).isEqualTo(expected);
      List<String> accepted =
          probe.accepted(NamedGroups.KNOWN).stream().map(NamedGroups::name).toList();
      if (postQuantum) {
        assertThat(accepted).contains("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");
      } else {
        assertThat(accepted).contains("x25519", "secp256r1").doesNotContain("X25519MLKEM768");
      }
      // Offered nothing it shares, the server answers with an alert, not a group.
      GroupAnswer none = probe.offer(List.of(0x0A0A)); // a GREASE value
      assertThat(none.kind()).as(none.toString()).isEqualTo(GroupAnswer.Kind.ALERT);
    }
  }

  @Test
  void doctor_developmentCertificate_stillReportsTheGroup() {
    Finding doctor = groupsFinding(server(false, t -> {}));
    assertThat(doctor.message()).contains("negotiates x25519").contains("tls.post-quantum=true");
  }

  private static Finding groupsFinding(ArmetServer server) {
    return server.selfCheck().findings().stream()
        .filter(f -> f.topic().equals("tls-groups"))
        .findFirst()
        .orElseThrow();
  }

  private ArmetServer server(boolean postQuantum, Consumer<TlsConfig.Builder> tls) {
    return ArmetServer.create(
        c ->
            c.httpsPort(0)
                .httpPort(0)
                .bindAddress("127.0.0.1")
                .environment(ArmetEnvironment.DEVELOPMENT)
                .dataDirectory(dir)
                .stopAtShutdown(false)
                .servlet("/app/*", new TestApp())
                .tls(
                    t -> {
                      tls.accept(t);
                      t.postQuantum(postQuantum);
                    }));
  }
}
