package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.server.acme.AcmeChallengeType;
import dev.armet.server.acme.AcmeConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls.acme.* and tls.post-quantum settings: names, variables, defaults and refusals. */
class AcmeSettingsTest {
  @TempDir Path dir;

  @Test
  void acmeVariables_configureTheOrder() throws Exception {
    ArmetServerConfig config =
        ServerSettings.load(
                null,
                Map.of(
                    "ARMET_TLS_ACME_DOMAINS", "Example.com, www.example.com",
                    "ARMET_TLS_ACME_EMAIL", "ops@example.com",
                    "ARMET_TLS_ACME_ACCEPT_TERMS", "true",
                    "ARMET_TLS_ACME_CHALLENGE", "tls-alpn-01",
                    "ARMET_TLS_ACME_DIRECTORY", "letsencrypt-staging",
                    "ARMET_TLS_ACME_CA_CERTIFICATE", "/etc/armet/ca.pem"))
            .build();
    AcmeConfig acme = config.tls().acme().orElseThrow();
    assertThat(acme.domains()).containsExactly("example.com", "www.example.com");
    assertThat(acme.email()).isEqualTo("ops@example.com");
    assertThat(acme.challenge()).isEqualTo(AcmeChallengeType.TLS_ALPN_01);
    assertThat(acme.directory()).isEqualTo(AcmeConfig.LETSENCRYPT_STAGING);
    assertThat(acme.caCertificate()).isEqualTo(Path.of("/etc/armet/ca.pem"));
    assertThat(config.tls().postQuantum()).isFalse();
    assertThat(
            ServerSettings.load(null, Map.of("ARMET_TLS_POST_QUANTUM", "true"))
                .build()
                .tls()
                .postQuantum())
        .isTrue();
  }

  @Test
  void acmeDefaults_areLetsEncryptProductionAndHttp01() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("armet.properties"),
            """
        tls.acme.domains = example.com
        tls.acme.accept-terms = true
        """);
    ArmetServerConfig config = ServerSettings.load(f, Map.of()).build();
    AcmeConfig acme = config.tls().acme().orElseThrow();
    assertThat(acme.directory())
        .isEqualTo(URI.create("https://acme-v02.api.letsencrypt.org/directory"));
    assertThat(acme.challenge()).isEqualTo(AcmeChallengeType.HTTP_01);
    assertThat(acme.email()).isNull();
    assertThat(config.tls().postQuantum()).isFalse();
    assertThat(ArmetServerConfig.builder().build().tls().acme()).isEmpty();
  }

  @Test
  void acme_withoutAcceptTerms_isRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                ServerSettings.load(null, Map.of("ARMET_TLS_ACME_DOMAINS", "example.com")).build())
        .hasMessageContaining("tls.acme.accept-terms must be true");
  }

  @Test
  void acmeSettings_withoutDomains_areRefused() {
    assertThatThrownBy(
            () -> ServerSettings.load(null, Map.of("ARMET_TLS_ACME_ACCEPT_TERMS", "true")).build())
        .hasMessageContaining("tls.acme.domains must name at least one domain");
  }

  @Test
  void badAcmeValues_areRefusedWithTheKeyAndValue() {
    assertThatThrownBy(() -> acme(a -> a.directory("http://ca.example/dir")))
        .hasMessageContaining(
            "tls.acme.directory must be letsencrypt, letsencrypt-staging or an https://")
        .hasMessageContaining("'http://ca.example/dir'");
    assertThatThrownBy(() -> acme(a -> a.directory("letsencrypt-stagin")))
        .hasMessageContaining("'letsencrypt-stagin'");
    assertThatThrownBy(() -> acme(a -> a.domains("*.example.com")))
        .hasMessageContaining("wildcard '*.example.com' needs the dns-01 challenge");
    assertThatThrownBy(() -> acme(a -> a.domains("exa mple.com")))
        .hasMessageContaining("tls.acme.domains must be host names");
    assertThatThrownBy(() -> acme(a -> a.domains("intranet"))).hasMessageContaining("'intranet'");
    assertThatThrownBy(() -> acme(a -> a.email("not-an-address")))
        .hasMessageContaining("tls.acme.email must be an e-mail address, was 'not-an-address'");
    assertThatThrownBy(
            () -> ServerSettings.load(null, Map.of("ARMET_TLS_ACME_CHALLENGE", "dns-01")))
        .hasMessageContaining("tls.acme.challenge must be http-01 or tls-alpn-01, was 'dns-01'");
  }

  @Test
  void tlsAlpn01_withPostQuantum_isAccepted() throws Exception {
    // The CA's acme-tls/1 handshakes are told apart by their ClientHello and answered on SunJSSE
    // (AcmeTlsAlpnPostQuantumTest has Pebble issue through it).
    ArmetServerConfig config =
        ServerSettings.load(
                null,
                Map.of(
                    "ARMET_TLS_ACME_DOMAINS",
                    "example.com",
                    "ARMET_TLS_ACME_ACCEPT_TERMS",
                    "true",
                    "ARMET_TLS_ACME_CHALLENGE",
                    "tls-alpn-01",
                    "ARMET_TLS_POST_QUANTUM",
                    "true"))
            .build();
    assertThat(config.tls().postQuantum()).isTrue();
    assertThat(config.tls().acme().orElseThrow().challenge())
        .isEqualTo(AcmeChallengeType.TLS_ALPN_01);
  }

  @Test
  void acmeTogetherWithCertificateFiles_isRefused() {
    assertThatThrownBy(
            () ->
                ArmetServerConfig.builder()
                    .tls(
                        t ->
                            t.certificate(Path.of("fullchain.pem"), Path.of("privkey.pem"))
                                .acme(a -> a.domains("example.com").acceptTerms(true)))
                    .build())
        .hasMessageContaining(
            "set either tls.acme.* (the server obtains its certificate) or tls.certificate");
  }

  private static ArmetServerConfig acme(java.util.function.Consumer<AcmeConfig.Builder> change) {
    return ArmetServerConfig.builder()
        .tls(
            t ->
                t.acme(
                    a -> {
                      a.domains("example.com").acceptTerms(true);
                      change.accept(a);
                    }))
        .build();
  }
}
