package dev.armet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TLS probe against JSSE servers in this JVM: a deliberately weak one (TLS 1.0, CBC, static
 * RSA, a 1024-bit self-signed key) trips every TLS check; a TLS 1.2/1.3 AEAD server passes.
 * (armet-server's own profiles are audited in armet-cli's AuditCommandTest.)
 */
class TlsProbeTest {
  private static List<String> ids(Report r) {
    return r.findings().stream().map(Finding::id).toList();
  }

  @Test
  void tlsProbe_weakServer_reportsLegacyProtocolsStaticRsaCbcAndWeakSelfSignedKey()
      throws Exception {
    var keys = TestCa.get().serverKeyStore(true, "RSA", 1024, Duration.ofDays(5));
    try (FixtureServer weak =
        FixtureServer.weakTls(
            keys,
            new String[] {"TLSv1", "TLSv1.2"},
            new String[] {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"})) {
      weak.page("/", 200, "<html></html>", AuditChecksTest.HARDENED);
      Report r = Audit.of(weak.url(), AuditOptions.defaults()).run();
      assertThat(r.tls().protocols()).containsExactly("TLSv1", "TLSv1.2");
      assertThat(r.tls().suites())
          .contains("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
      assertThat(r.tls().mozillaProfile()).isEqualTo("old");
      assertThat(r.tls().certificate())
          .containsEntry("selfSigned", true)
          .containsEntry("keyBits", 1024)
          .containsEntry("trusted", false);
      assertThat(ids(r))
          .contains(
              "tls-legacy-protocol",
              "tls-no-forward-secrecy",
              "tls-cbc-suites",
              "tls13-missing",
              "certificate-untrusted",
              "certificate-weak-key",
              "certificate-expiring",
              "tls-mozilla-profile-old");
      // A self-signed certificate is a finding, not a crash: the header checks ran too.
      assertThat(r.observatory().results())
          .containsEntry("strict-transport-security", "hsts-invalid-cert");
    }
  }

  @Test
  void tlsProbe_aeadOnlyServer_isIntermediate_withNoTlsFinding() throws Exception {
    X509Certificate ca = TestCa.get().certificate;
    try (FixtureServer strong =
        FixtureServer.weakTls(
            TestCa.get().serverKeyStore(),
            new String[] {"TLSv1.2", "TLSv1.3"},
            new String[] {
              "TLS_AES_128_GCM_SHA256",
              "TLS_AES_256_GCM_SHA384",
              "TLS_CHACHA20_POLY1305_SHA256",
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"
            })) {
      strong.page("/", 200, "<html></html>", AuditChecksTest.HARDENED);
      Report r = Audit.of(strong.url(), AuditOptions.of(o -> o.trust(ca))).run();
      assertThat(r.tls().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
      assertThat(r.tls().mozillaProfile()).isEqualTo("intermediate");
      assertThat(r.tls().certificate())
          .containsEntry("trusted", true)
          .containsEntry("hostnameMatches", true);
      // No TLS finding but the advice to add a post-quantum group (SunJSSE has none).
      assertThat(ids(r))
          .filteredOn(id -> id.startsWith("tls") || id.startsWith("certificate"))
          .containsExactly("tls-no-post-quantum");
    }
  }

  @Test
  void tlsProbe_tls13Only_isModern() throws Exception {
    X509Certificate ca = TestCa.get().certificate;
    try (FixtureServer modern =
        FixtureServer.weakTls(TestCa.get().serverKeyStore(), new String[] {"TLSv1.3"}, null)) {
      modern.page("/", 200, "<html></html>", AuditChecksTest.HARDENED);
      Report r = Audit.of(modern.url(), AuditOptions.of(o -> o.trust(ca))).run();
      assertThat(r.tls().protocols()).containsExactly("TLSv1.3");
      assertThat(r.tls().mozillaProfile()).isEqualTo("modern");
      // Armet's own ClientHello probes TLS 1.3 groups on any JDK; SunJSSE has no hybrid.
      assertThat(r.tls().groups())
          .contains("x25519", "secp256r1", "secp384r1")
          .doesNotContain("X25519MLKEM768", "SecP256r1MLKEM768");
      assertThat(r.tls().negotiatedGroup()).isEqualTo("x25519");
      Finding pq =
          r.findings().stream()
              .filter(f -> f.id().equals("tls-no-post-quantum"))
              .findFirst()
              .orElseThrow();
      assertThat(pq.severity()).isEqualTo(Severity.INFO);
      assertThat(pq.evidence()).contains("gets x25519");
      assertThat(pq.fix()).contains("X25519MLKEM768");
    }
  }
}
