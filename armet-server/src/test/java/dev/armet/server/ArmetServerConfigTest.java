package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArmetServerConfigTest {
  static void assertRefused(Consumer<ArmetServerConfig.Builder> config, String... message) {
    ArmetServerConfig.Builder b =
        ArmetServerConfig.builder().environment(ArmetEnvironment.DEVELOPMENT);
    config.accept(b);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(message);
  }

  @Test
  void defaults_areSecure() {
    ArmetServerConfig config =
        ArmetServerConfig.builder().environment(ArmetEnvironment.PRODUCTION).build();
    assertThat(config.httpsPort()).isEqualTo(8443);
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.canonicalHost()).isEqualTo("localhost");
    assertThat(config.filter().headers().strictTransportSecurity()).isNotNull();
    assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void port_outOfRange_isRefused() {
    assertRefused(b -> b.httpsPort(70000), "httpsPort", "70000");
    assertRefused(b -> b.httpPort(-1), "httpPort", "-1");
  }

  @Test
  void samePorts_areRefused() {
    assertRefused(b -> b.httpsPort(9000).httpPort(9000), "must differ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.com/x", "evil.com:443", "a b", "", "user@host", "exa\r\nmple"})
  void canonicalHost_withMoreThanAHost_isRefused(String host) {
    assertRefused(b -> b.canonicalHost(host), "canonicalHost");
  }

  @Test
  void canonicalHost_acceptsNamesAndBracketedIpv6() {
    assertThat(ArmetServerConfig.builder().canonicalHost("www.example.com").build().canonicalHost())
        .isEqualTo("www.example.com");
    assertThat(ArmetServerConfig.builder().canonicalHost("[::1]").build().canonicalHost())
        .isEqualTo("[::1]");
  }

  @Test
  void servlet_underArmetPaths_isRefused() {
    assertRefused(b -> b.servlet("/_armet/*", new HttpServlet() {}), "reserved", "/_armet/*");
    assertRefused(b -> b.servlet("api", new HttpServlet() {}), "path spec", "api");
  }

  @Test
  void staticPrefix_withWildcard_isRefused() {
    assertRefused(b -> b.staticResources("/static/*", java.nio.file.Path.of(".")), "urlPrefix");
  }

  @Test
  void stopTimeout_outOfRange_isRefused() {
    assertRefused(b -> b.stopTimeout(Duration.ofSeconds(-1)), "stopTimeout");
    assertRefused(b -> b.stopTimeout(Duration.ofHours(1)), "stopTimeout");
  }

  @Test
  void headerLimit_outOfRange_isRefused() {
    assertRefused(b -> b.maxRequestHeaderBytes(100), "limits.max-header-bytes", "100");
  }
}
