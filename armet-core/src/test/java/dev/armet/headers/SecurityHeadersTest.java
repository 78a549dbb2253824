package dev.armet.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  static final Map<String, String> HELMET_8 = Helmet8.HEADERS;

  static Map<String, String> written(
      SecurityHeaders headers, boolean secure, String path, String nonce) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.write(
        (name, value) -> {
          if (out.put(name, value) != null) {
            throw new AssertionError("header written twice: " + name);
          }
        },
        secure,
        path,
        nonce);
    return out;
  }

  @Test
  void defaults_overHttps_matchHelmet8ByteForByte() {
    Map<String, String> out = written(SecurityHeaders.defaults(), true, "/", null);
    assertThat(out).containsAllEntriesOf(HELMET_8);
    assertThat(out.keySet())
        .containsExactlyInAnyOrderElementsOf(concat(HELMET_8.keySet(), "Permissions-Policy"));
  }

  @Test
  void defaults_overPlainHttp_omitHsts() {
    Map<String, String> out = written(SecurityHeaders.defaults(), false, "/", null);
    assertThat(out).doesNotContainKey("Strict-Transport-Security");
    assertThat(out).containsEntry("X-Frame-Options", "SAMEORIGIN");
  }

  @Test
  void defaults_permissionsPolicy_disablesPowerfulFeaturesOnly() {
    String pp = written(SecurityHeaders.defaults(), true, "/", null).get("Permissions-Policy");
    assertThat(pp)
        .contains("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")
        .doesNotContain("fullscreen")
        .doesNotContain("autoplay")
        .doesNotContain("publickey-credentials");
  }

  @Test
  void defaults_neverEmitPinningOrExpectCt() {
    Map<String, String> out = written(SecurityHeaders.defaults(), true, "/", null);
    assertThat(out.keySet())
        .noneMatch(
            k ->
                k.startsWith("Public-Key-Pins")
                    || k.equals("Expect-CT")
                    || k.equals("X-Powered-By")
                    || k.equals("Server"));
  }

  @Test
  void header_hpkpOrExpectCt_refusedWithReason() {
    assertThatThrownBy(
            () -> SecurityHeaders.create(h -> h.header("Public-Key-Pins", "pin-sha256=\"x\"")))
        .hasMessageContaining("HPKP");
    assertThatThrownBy(() -> SecurityHeaders.create(h -> h.header("Expect-CT", "max-age=0")))
        .hasMessageContaining("obsolete");
  }

  @Test
  void typedSetters_changeEachHeader() {
    SecurityHeaders h =
        SecurityHeaders.create(
            b ->
                b.frameOptions(FrameOptions.DENY)
                    .referrerPolicy(
                        ReferrerPolicy.NO_REFERRER, ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                    .crossOriginOpenerPolicy(CrossOriginOpenerPolicy.SAME_ORIGIN_ALLOW_POPUPS)
                    .crossOriginResourcePolicy(CrossOriginResourcePolicy.CROSS_ORIGIN)
                    .crossOriginEmbedderPolicy(CrossOriginEmbedderPolicy.REQUIRE_CORP)
                    .dnsPrefetch(true)
                    .permittedCrossDomainPolicies("master-only")
                    .strictTransportSecurity(
                        StrictTransportSecurity.of(java.time.Duration.ofDays(730), true, true))
                    .permissionsPolicy(p -> p.allowSelf("camera")));
    Map<String, String> out = written(h, true, "/", null);
    assertThat(out)
        .containsEntry("X-Frame-Options", "DENY")
        .containsEntry("Referrer-Policy", "no-referrer,strict-origin-when-cross-origin")
        .containsEntry("Cross-Origin-Opener-Policy", "same-origin-allow-popups")
        .containsEntry("Cross-Origin-Resource-Policy", "cross-origin")
        .containsEntry("Cross-Origin-Embedder-Policy", "require-corp")
        .containsEntry("X-DNS-Prefetch-Control", "on")
        .containsEntry("X-Permitted-Cross-Domain-Policies", "master-only")
        .containsEntry("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload");
    assertThat(out.get("Permissions-Policy")).contains("camera=(self)").contains("microphone=()");
  }

  @Test
  void eachHeader_canBeTurnedOff() {
    for (String name : HELMET_8.keySet()) {
      Map<String, String> out =
          written(SecurityHeaders.create(b -> b.disable(name)), true, "/", null);
      assertThat(out).as(name).doesNotContainKey(name).hasSize(HELMET_8.size());
    }
    Map<String, String> none =
        written(
            SecurityHeaders.create(
                b ->
                    b.contentSecurityPolicy((ContentSecurityPolicy) null)
                        .strictTransportSecurity(null)
                        .frameOptions(null)
                        .referrerPolicy()
                        .originAgentCluster(false)
                        .contentTypeOptions(false)
                        .downloadOptions(false)
                        .xssProtection(false)
                        .permittedCrossDomainPolicies(null)
                        .crossOriginOpenerPolicy(null)
                        .crossOriginResourcePolicy(null)
                        .permissionsPolicy((PermissionsPolicy) null)
                        .disable("X-DNS-Prefetch-Control")),
            true,
            "/",
            null);
    assertThat(none).isEmpty();
  }

  @Test
  void disable_unknownHeader_namesWhatExists() {
    assertThatThrownBy(() -> SecurityHeaders.create(b -> b.disable("X-Nope")))
        .hasMessageContaining("X-Nope")
        .hasMessageContaining("X-Frame-Options");
  }

  @Test
  void header_customValue_replacesCaseInsensitively() {
    Map<String, String> out =
        written(SecurityHeaders.create(b -> b.header("x-frame-options", "DENY")), true, "/", null);
    assertThat(out).containsEntry("x-frame-options", "DENY").doesNotContainKey("X-Frame-Options");
  }

  @Test
  void header_valueWithLineBreak_refused() {
    assertThatThrownBy(
            () -> SecurityHeaders.create(b -> b.header("X-Test", "a\r\nSet-Cookie: x=1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Test")
        .hasMessageContaining("\\u000d");
    assertThatThrownBy(() -> SecurityHeaders.create(b -> b.header("X Test", "a")))
        .hasMessageContaining("not a token");
  }

  @Test
  void noStoreAndClearSiteData_onlyOnTheirPaths() {
    SecurityHeaders h =
        SecurityHeaders.create(b -> b.noStore("/account/*").clearSiteData("/logout"));
    assertThat(written(h, true, "/account/settings", null))
        .containsEntry("Cache-Control", "no-store, max-age=0")
        .doesNotContainKey("Clear-Site-Data");
    assertThat(written(h, true, "/account", null)).containsKey("Cache-Control");
    assertThat(written(h, true, "/accounts", null)).doesNotContainKey("Cache-Control");
    assertThat(written(h, true, "/logout", null))
        .containsEntry("Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"");
  }

  @Test
  void reportingEndpoints_renderedAsStructuredDictionary() {
    SecurityHeaders h =
        SecurityHeaders.create(
            b ->
                b.reportingEndpoint("csp-endpoint", "/_armet/csp-report")
                    .contentSecurityPolicy(c -> c.reportTo("csp-endpoint")));
    Map<String, String> out = written(h, true, "/", null);
    assertThat(out).containsEntry("Reporting-Endpoints", "csp-endpoint=\"/_armet/csp-report\"");
    assertThat(out.get("Content-Security-Policy")).endsWith(";report-to csp-endpoint");
    assertThatThrownBy(() -> SecurityHeaders.create(b -> b.reportingEndpoint("Bad Name", "/x")))
        .hasMessageContaining("Reporting-Endpoints");
    assertThatThrownBy(() -> SecurityHeaders.create(b -> b.reportingEndpoint("x", "/a\",b")))
        .hasMessageContaining("must not contain");
  }

  @Test
  void reportOnly_besideEnforced_bothSent() {
    ContentSecurityPolicy strict =
        ContentSecurityPolicy.builder().set("default-src", "'none'").build();
    SecurityHeaders h = SecurityHeaders.create(b -> b.contentSecurityPolicyReportOnly(strict));
    Map<String, String> out = written(h, true, "/", null);
    assertThat(out)
        .containsEntry("Content-Security-Policy-Report-Only", "default-src 'none'")
        .containsEntry("Content-Security-Policy", HELMET_8.get("Content-Security-Policy"));
  }

  @Test
  void nonce_insertedIntoBothPolicies() {
    SecurityHeaders h =
        SecurityHeaders.create(
            b ->
                b.contentSecurityPolicy(c -> c.nonce("script-src"))
                    .contentSecurityPolicyReportOnly(
                        ContentSecurityPolicy.builder()
                            .set("script-src", "'strict-dynamic'")
                            .nonce("script-src")
                            .build()));
    assertThat(h.usesNonce()).isTrue();
    Map<String, String> out = written(h, true, "/", "abc123");
    assertThat(out.get("Content-Security-Policy")).contains("script-src 'self' 'nonce-abc123';");
    assertThat(out.get("Content-Security-Policy-Report-Only"))
        .isEqualTo("script-src 'strict-dynamic' 'nonce-abc123'");
  }

  @Test
  void toBuilder_roundTrips() {
    SecurityHeaders h =
        SecurityHeaders.create(b -> b.frameOptions(FrameOptions.DENY).noStore("/x"));
    assertThat(written(h.toBuilder().build(), true, "/x", null))
        .isEqualTo(written(h, true, "/x", null));
  }

  private static java.util.List<String> concat(java.util.Set<String> a, String b) {
    java.util.List<String> l = new java.util.ArrayList<>(a);
    l.add(b);
    return l;
  }
}
