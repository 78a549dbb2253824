package dev.armet.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SetCookieTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void header_defaults_hostOnlyHttpOnlyLax() {
    assertThat(SetCookie.named("id", c -> {}).header("v1", null, NOW))
        .isEqualTo("id=v1; Path=/; HttpOnly; SameSite=Lax");
  }

  @Test
  void header_everyAttribute_inOrder() {
    SetCookie cookie =
        SetCookie.named(
            "__Secure-x",
            c ->
                c.secure(true)
                    .domain("example.com")
                    .path("/app")
                    .sameSite(SameSite.NONE)
                    .partitioned(true)
                    .maxAge(Duration.ofHours(1)));
    assertThat(cookie.header("abc", Duration.ofHours(1), NOW))
        .isEqualTo(
            "__Secure-x=abc; Max-Age=3600; Expires=Thu, 01 Jan 2026 01:00:00 GMT; Path=/app;"
                + " Domain=example.com; Secure; HttpOnly; SameSite=None; Partitioned");
  }

  @Test
  void clearHeader_expiresImmediately() {
    assertThat(SetCookie.named("__Host-id", c -> c.secure(true)).clearHeader())
        .isEqualTo(
            "__Host-id=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly;"
                + " SameSite=Lax");
  }

  static Stream<Arguments> invalidConfigurations() {
    return Stream.of(
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.name("__Host-id"),
            "cookie '__Host-id': a __Host- cookie must be Secure: call secure(true)"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.name("__host-id").secure(true).domain("a.b"),
            "must not have a Domain"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.name("__Host-id").secure(true).path("/a"),
            "must have Path=/, was '/a'"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.name("__Secure-id"),
            "a __Secure- cookie must be Secure"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.sameSite(SameSite.NONE),
            "SameSite=None requires Secure"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.partitioned(true), "Partitioned requires Secure"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.path("app"), "Path must start with '/'"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.path("/a;b"), "Path '/a;b' has ';'"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.path("/a\r\nX: y"),
            "has a carriage return at index 2"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.domain("a.com; Secure"), "Domain"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.domain("a_b.com"), "Domain must be a host"),
        Arguments.of(
            (Consumer<SetCookieBuilder>) c -> c.maxAge(Duration.ofSeconds(-1)),
            "maxAge must be >= 0, was PT-1S"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.name(""), "must not be empty"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.name("a b"), "has a space at index 1"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.name("a=b"), "has '=' at index 1"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.name("a;b"), "has ';' at index 1"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.name("a\nb"), "has a line feed"),
        Arguments.of((Consumer<SetCookieBuilder>) c -> c.name("é"), "non-ASCII character U+00E9"));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigurations")
  void build_invalid_failsWithFix(Consumer<SetCookieBuilder> config, String message) {
    SetCookieBuilder b = SetCookie.builder("id");
    config.accept(b);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a;b",
        "a,b",
        "a b",
        "a\"b",
        "a\\b",
        "a\rb",
        "a\nb",
        "a\r\nSet-Cookie: x=y",
        "a\u0000b",
        "a\u007fb",
        "a\tb",
        "é",
        "a\u2028b"
      })
  void header_valueWithForbiddenCharacter_refused(String value) {
    SetCookie cookie = SetCookie.named("id", c -> {});
    assertThatThrownBy(() -> cookie.header(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("value of cookie 'id' has ");
  }

  @Test
  void header_everyAllowedOctet_accepted() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x21; c < 0x7f; c++) {
      if (c != '"' && c != ',' && c != ';' && c != '\\') {
        all.append(c);
      }
    }
    assertThat(SetCookie.named("id", c -> {}).header(all.toString())).startsWith("id=" + all);
  }

  @Test
  void toBuilder_roundTrips() {
    SetCookie a = SetCookie.named("__Host-s", c -> c.secure(true).sameSite(SameSite.STRICT));
    assertThat(a.toBuilder().build().toString()).isEqualTo(a.toString());
  }
}
