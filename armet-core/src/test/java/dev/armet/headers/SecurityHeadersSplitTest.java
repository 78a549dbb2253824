package dev.armet.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SecurityHeaders#constantHeaders} then {@link SecurityHeaders#writePerRequest} write
 * exactly what {@link SecurityHeaders#write} writes, for every kind of policy, request and path.
 */
class SecurityHeadersSplitTest {
  static final ContentSecurityPolicy NONCE_CSP =
      ContentSecurityPolicy.create(c -> c.nonce("script-src"));

  static List<Arguments> policies() {
    return List.of(
        Arguments.of("defaults", SecurityHeaders.defaults()),
        Arguments.of("nonce", SecurityHeaders.create(h -> h.contentSecurityPolicy(NONCE_CSP))),
        Arguments.of(
            "report-only nonce",
            SecurityHeaders.create(h -> h.contentSecurityPolicyReportOnly(NONCE_CSP))),
        Arguments.of(
            "report-only plain",
            SecurityHeaders.create(
                h ->
                    h.contentSecurityPolicy(NONCE_CSP)
                        .contentSecurityPolicyReportOnly(ContentSecurityPolicy.defaults()))),
        Arguments.of(
            "no csp, no hsts",
            SecurityHeaders.create(
                h ->
                    h.contentSecurityPolicy((ContentSecurityPolicy) null)
                        .strictTransportSecurity(null))),
        Arguments.of(
            "path-scoped",
            SecurityHeaders.create(h -> h.noStore("/account/*").clearSiteData("/logout"))),
        Arguments.of(
            "fixed cache-control overridden by path",
            SecurityHeaders.create(
                h -> h.header("Cache-Control", "public, max-age=60").noStore("/account/*"))),
        Arguments.of(
            "custom and disabled",
            SecurityHeaders.create(
                h ->
                    h.header("X-Custom", "1")
                        .disable("X-Frame-Options")
                        .reportingEndpoint("csp", "https://r.example/csp"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void constantThenPerRequest_equalsWrite(String name, SecurityHeaders policy) {
    for (boolean secure : new boolean[] {true, false}) {
      for (String path : List.of("/", "/account/settings", "/logout", "/other")) {
        String nonce = policy.usesNonce() ? "bm9uY2Utdi0xMjM0NTY3OA==" : null;
        Map<String, String> whole = new LinkedHashMap<>();
        policy.write(whole::put, secure, path, nonce);
        Map<String, String> split = new LinkedHashMap<>(policy.constantHeaders(secure));
        policy.writePerRequest(split::put, path, nonce);
        assertThat(split).as("%s, secure %s, %s", name, secure, path).isEqualTo(whole);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void constantHeaders_neverHoldANonceOrHstsOnPlainHttp(String name, SecurityHeaders policy) {
    Map<String, String> plain = policy.constantHeaders(false);
    assertThat(plain).doesNotContainKey(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
    assertThat(plain.values()).noneMatch(v -> v.contains("nonce-"));
    assertThat(policy.constantHeaders(true).containsKey(SecurityHeaders.STRICT_TRANSPORT_SECURITY))
        .isEqualTo(policy.strictTransportSecurity() != null);
  }
}
