package dev.armet.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.internal.headers.CspNonce;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentSecurityPolicyTest {

  @Test
  void defaults_renderLikeHelmet8() {
    assertThat(ContentSecurityPolicy.defaults().render(null))
        .isEqualTo(SecurityHeadersTest.HELMET_8.get("Content-Security-Policy"));
    assertThat(ContentSecurityPolicy.defaults().usesNonce()).isFalse();
  }

  @Test
  void nonce_inTwoDirectives_eachGetsIt() {
    ContentSecurityPolicy csp =
        ContentSecurityPolicy.create(
            c -> c.set("style-src", "'self'").nonce("script-src", "style-src"));
    String rendered = csp.render("N0nce+/=");
    assertThat(rendered)
        .contains("script-src 'self' 'nonce-N0nce+/=';")
        .contains("style-src 'self' 'nonce-N0nce+/=';upgrade-insecure-requests");
    assertThat(csp.render("other")).doesNotContain("N0nce");
  }

  @Test
  void nonce_inLastDirective_rendersAtEnd() {
    ContentSecurityPolicy csp =
        ContentSecurityPolicy.builder().set("script-src", "'self'").nonce().build();
    assertThat(csp.render("x")).isEqualTo("script-src 'self' 'nonce-x'");
  }

  @Test
  void render_withoutNonceWhenNeeded_fails() {
    ContentSecurityPolicy csp = ContentSecurityPolicy.create(c -> c.nonce());
    assertThatThrownBy(() -> csp.render(null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void hashSource_matchesKnownDigest() {
    // sha256("alert(1)") in base64, as browsers compute it for <script>alert(1)</script>
    assertThat(ContentSecurityPolicy.hashSource("alert(1)"))
        .isEqualTo("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    ContentSecurityPolicy csp = ContentSecurityPolicy.create(c -> c.scriptHash("alert(1)"));
    assertThat(csp.directives().get("script-src"))
        .containsExactly("'self'", "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  }

  @Test
  void add_toAbsentFetchDirective_startsFromDefaultSrc() {
    ContentSecurityPolicy csp =
        ContentSecurityPolicy.create(c -> c.add("connect-src", "https://api.example"));
    assertThat(csp.directives().get("connect-src"))
        .containsExactly("'self'", "https://api.example");
  }

  @Test
  void add_toNone_replacesNone() {
    ContentSecurityPolicy csp =
        ContentSecurityPolicy.create(c -> c.add("object-src", "https://cdn.example"));
    assertThat(csp.directives().get("object-src")).containsExactly("https://cdn.example");
  }

  @Test
  void remove_dropsDirective() {
    ContentSecurityPolicy csp =
        ContentSecurityPolicy.create(c -> c.remove("upgrade-insecure-requests"));
    assertThat(csp.render(null)).doesNotContain("upgrade-insecure-requests");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad(c -> c.set("script-src", "'self'; object-src *"), "must not contain ';'"),
        bad(c -> c.set("script-src", "'self',https:"), "must not contain ','"),
        bad(c -> c.set("script-src", "https://a\r\nX-Evil: 1"), "control"),
        bad(c -> c.set("script-src", "https://a b"), "must not contain ' '"),
        bad(c -> c.set("scirpt-src", "'self'"), "unknown CSP directive 'scirpt-src'"),
        bad(c -> c.set("script-src", "self"), "must be single-quoted"),
        bad(c -> c.set("object-src", "none"), "must be single-quoted"),
        bad(c -> c.set("script-src", "nonce-abc"), "must be single-quoted"),
        bad(c -> c.set("script-src", "'none'", "'self'"), "combines 'none'"),
        bad(c -> c.set("script-src"), "needs at least one source"),
        bad(c -> c.set("upgrade-insecure-requests", "'self'"), "takes no value"),
        bad(
            c -> c.set("script-src", "'self'", "'unsafe-inline'").nonce("script-src"),
            "both a nonce and 'unsafe-inline'"),
        bad(c -> c.nonce("style-src"), "both a nonce and 'unsafe-inline'"),
        bad(c -> c.nonce("img-src"), "cannot carry a nonce"),
        bad(c -> c.remove("script-src").nonce("script-src"), "has no script-src"),
        bad(c -> c.set("report-to", "a", "b"), "exactly one group"),
        bad(c -> c.set("script-src", "caf\u00e9.example"), "non-ASCII"));
  }

  static Arguments bad(Consumer<ContentSecurityPolicy.Builder> config, String message) {
    return Arguments.of(config, message);
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void build_invalid_failsNamingTheProblem(
      Consumer<ContentSecurityPolicy.Builder> config, String message) {
    assertThatThrownBy(() -> ContentSecurityPolicy.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void build_empty_fails() {
    assertThatThrownBy(() -> ContentSecurityPolicy.builder().build())
        .hasMessageContaining("at least one directive");
  }

  @Test
  void sandbox_mayBeEmpty() {
    assertThat(ContentSecurityPolicy.builder().set("sandbox").build().render(null))
        .isEqualTo("sandbox");
  }

  @Test
  void nonceGenerator_gives128BitsFreshEachTime() {
    String a = CspNonce.generate();
    String b = CspNonce.generate();
    assertThat(java.util.Base64.getDecoder().decode(a)).hasSize(16);
    assertThat(a).isNotEqualTo(b);
  }
}
