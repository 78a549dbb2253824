package dev.armet.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginTest {
  @ParameterizedTest
  @CsvSource({
    "https://example.com, https://example.com",
    "https://Example.COM:443, https://example.com",
    "http://example.com:80, http://example.com",
    "https://example.com:8443, https://example.com:8443",
    "http://127.0.0.1:8080, http://127.0.0.1:8080",
    "https://[::1]:8443, https://[::1]:8443",
  })
  void tryParse_valid_normalizes(String raw, String expected) {
    assertThat(Origin.tryParse(raw)).get().hasToString(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "",
        "example.com",
        "https://",
        "https://a/b",
        "https://a?x",
        "ftp://a",
        "https://user@a",
        "https://a:99999",
        "https://a:-1",
        "https://a:",
        "https://a b",
        "https://a\r\n",
        "javascript://a",
        "https://[::1",
        "https://é.example"
      })
  void tryParse_invalidOrOpaque_empty(String raw) {
    assertThat(Origin.tryParse(raw)).isEmpty();
  }

  @Test
  void equals_comparesSchemeHostPortExactly() {
    Origin self = Origin.parse("https://app.example:8443");
    assertThat(Origin.parse("https://app.example:8443")).isEqualTo(self).hasSameHashCodeAs(self);
    assertThat(Origin.parse("http://app.example:8443")).isNotEqualTo(self);
    assertThat(Origin.parse("https://app.example")).isNotEqualTo(self);
    assertThat(Origin.parse("https://evil-app.example:8443")).isNotEqualTo(self);
    assertThat(Origin.parse("https://app.example.evil:8443")).isNotEqualTo(self);
  }

  @ParameterizedTest
  @CsvSource({
    "https://app.example/path?q=1#x, https://app.example",
    "https://app.example:8443?x, https://app.example:8443",
    "http://a.example#frag, http://a.example",
  })
  void fromUrl_takesOriginOfReferer(String url, String expected) {
    assertThat(Origin.fromUrl(url)).get().hasToString(expected);
  }

  @Test
  void fromUrl_withCredentials_orRelative_empty() {
    assertThat(Origin.fromUrl("https://app.example@evil.example/")).isEmpty();
    assertThat(Origin.fromUrl("/relative")).isEmpty();
  }

  @Test
  void parse_invalid_namesValue() {
    assertThatThrownBy(() -> Origin.parse("https://a/b")).hasMessageContaining("'https://a/b'");
  }
}
