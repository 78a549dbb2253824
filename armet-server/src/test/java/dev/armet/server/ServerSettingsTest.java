package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One properties file, ARMET_* variables over it, and errors that name the key and its source. */
class ServerSettingsTest {
  @TempDir Path dir;

  Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("armet.properties"), text);
  }

  @Test
  void fileValues_areApplied_andEnvironmentOverridesThem() throws Exception {
    Path f =
        file(
            """
        env = development
        server.https-port = 9443
        server.canonical-host = www.example.com
        limits.max-body-bytes = 2MiB
        limits.idle-timeout = 45s
        tls.profile = modern
        tls.expiry-warning = 30d
        """);
    ArmetServerConfig config =
        ServerSettings.load(
                f,
                Map.of(
                    "ARMET_SERVER_HTTPS_PORT",
                    "10443",
                    "ARMET_LIMITS_HEADER_TIMEOUT",
                    "PT5S",
                    "PATH",
                    "/usr/bin"))
            .build();
    assertThat(config.httpsPort()).isEqualTo(10443);
    assertThat(config.canonicalHost()).isEqualTo("www.example.com");
    assertThat(config.limits().maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(config.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.limits().headerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.tls().profile()).isEqualTo(TlsProfile.MODERN);
    assertThat(config.tls().expiryWarning()).isEqualTo(Duration.ofDays(30));
    assertThat(config.environment().isProduction()).isFalse();
  }

  @Test
  void unknownKey_stopsStartUp_namingKeyAndFile() throws Exception {
    Path f = file("limits.max-body = 1MiB\n");
    assertThatThrownBy(() -> ServerSettings.load(f, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("'limits.max-body'", f.toString(), "docs/CONFIGURATION.md");
  }

  @Test
  void unknownVariable_stopsStartUp_namingIt() {
    assertThatThrownBy(() -> ServerSettings.load(null, Map.of("ARMET_TLS_CERT", "/x")))
        .hasMessageContaining("ARMET_TLS_CERT");
  }

  @Test
  void secretVariables_belongToTheKeyRing_notUnknown() throws Exception {
    assertThat(
            ServerSettings.load(null, Map.of("ARMET_SECRETS", "x", "ARMET_SECRETS_FILE", "/run/s")))
        .isNotNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limits.max-body-bytes = 1X | limits.max-body-bytes must be a size",
        "server.https-port = 70000 | server.https-port must be a port between 0 and 65535",
        "limits.idle-timeout = soon | limits.idle-timeout must be a duration",
        "server.allow-root = yes | server.allow-root must be true or false",
        "tls.profile = old | tls.profile: TLS profile must be 'intermediate' or 'modern'",
        "env = staging | ARMET_ENV must be 'development' or 'production'"
      })
  void badValue_stopsStartUp_namingKeyValueAndSource(String line, String message) throws Exception {
    Path f = file(line + "\n");
    assertThatThrownBy(() -> ServerSettings.load(f, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(f.toString());
  }

  @Test
  void outOfBoundValue_isRefusedByTheBuilder_namingTheKey() throws Exception {
    Path f = file("limits.max-connections = 0\n");
    assertThatThrownBy(() -> ServerSettings.load(f, Map.of()).build())
        .hasMessageContaining("limits.max-connections must be between 1 and 1000000, was 0");
  }

  @Test
  void configurationDoc_listsEveryKeyWithItsVariableAndDefault() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    for (SettingKey key : SettingKey.ALL) {
      assertThat(doc)
          .contains(
              "| `"
                  + key.key()
                  + "` | `"
                  + key.environmentVariable()
                  + "` | `"
                  + key.defaultValue()
                  + "` |");
    }
  }

  @Test
  void documentedDefaults_areTheBuildersDefaults() {
    ArmetServerConfig config = ArmetServerConfig.builder().build();
    RequestLimits limits = config.limits();
    assertThat(limits.maxRequestHeaderBytes()).isEqualTo(8 * 1024);
    assertThat(limits.maxUriBytes()).isEqualTo(4 * 1024);
    assertThat(limits.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(limits.maxParameters()).isEqualTo(1000);
    assertThat(limits.maxPartBytes()).isEqualTo(1024 * 1024);
    assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.maxConnections()).isEqualTo(4096);
    assertThat(config.tls().profile()).isEqualTo(TlsProfile.INTERMEDIATE);
    assertThat(config.tls().reloadInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.tls().expiryWarning()).isEqualTo(Duration.ofDays(14));
  }
}
