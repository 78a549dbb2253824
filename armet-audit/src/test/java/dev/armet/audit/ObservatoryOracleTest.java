package dev.armet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Armet's Observatory-compatible score must equal the MDN HTTP Observatory's own (its npm CLI) on
 * fixtures from an A+ site to a leaky one.
 */
class ObservatoryOracleTest {
  private static final Map<String, FixtureServer> sites = new LinkedHashMap<>();
  private static Map<String, ObservatoryOracle.Verdict> oracle;
  private static AuditOptions options;

  @BeforeAll
  static void scanEveryFixture() throws Exception {
    Path caPem = TestCa.get().writePem(Path.of("target", "oracle-ca"));
    java.security.cert.X509Certificate ca = TestCa.get().certificate;
    options = AuditOptions.of(o -> o.trust(ca).probeTls(false).timeout(Duration.ofSeconds(5)));
    sites.put(
        "aPlus",
        FixtureServer.https()
            .page(
                "/",
                200,
                "<!doctype html><title>ok</title><script src=\"/app.js\"></script>",
                "Content-Type: text/html;charset=utf-8",
                "Content-Security-Policy: default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
                "X-Content-Type-Options: nosniff",
                "X-Frame-Options: DENY",
                "Referrer-Policy: no-referrer",
                "Cross-Origin-Resource-Policy: same-origin",
                "Set-Cookie: __Host-session=abc; Secure; HttpOnly; SameSite=Lax; Path=/"));
    sites.put(
        "leaky",
        FixtureServer.https()
            .page(
                "/",
                200,
                "<html><script src=\"http://cdn.example.com/lib.js\"></script></html>",
                "Content-Type: text/html",
                "Access-Control-Allow-Origin: *",
                "Set-Cookie: JSESSIONID=abc; Path=/",
                "Set-Cookie: csrftoken=x; Secure; Path=/"));
    sites.put(
        "middling",
        FixtureServer.https()
            .page(
                "/",
                200,
                "<html><head><meta name=\"referrer\" content=\"unsafe-url\"></head>"
                    + "<script src=\"https://cdn.example.com/lib.js\" integrity=\"sha384-abc\" crossorigin></script></html>",
                "Content-Type: text/html; charset=utf-8",
                "Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-eval'",
                "Strict-Transport-Security: max-age=86400",
                "X-Content-Type-Options: sniff-please",
                "X-Frame-Options: SAMEORIGIN",
                "Referrer-Policy: no-referrer",
                "Cross-Origin-Resource-Policy: cross-site",
                "Set-Cookie: prefs=dark; Secure; SameSite=Strict"));
    sites.put(
        "nonce",
        FixtureServer.https()
            .page(
                "/",
                200,
                "<p>json-ish</p>",
                "Content-Type: application/json",
                "Content-Security-Policy: script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; report-uri /a; report-uri /b",
                "Strict-Transport-Security: max-age=31536000, max-age=31536000",
                "X-Frame-Options: ALLOW-FROM https://partner.example",
                "Referrer-Policy: bogus, strict-origin",
                "Cross-Origin-Resource-Policy: same-site"));
    sites.put(
        "metaCsp",
        FixtureServer.https()
            .page(
                "/",
                200,
                "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src http://images.example\">"
                    + "</head><body><script>inline()</script></body></html>",
                "Content-Type: text/html",
                "Content-Security-Policy-Report-Only: default-src 'none'",
                "X-Content-Type-Options: nosniff"));
    sites.put(
        "plainHttp",
        FixtureServer.http()
            .page(
                "/",
                200,
                "<html>plain</html>",
                "Content-Type: text/html",
                "X-Frame-Options: DENY",
                "Set-Cookie: sessionid=1; HttpOnly"));
    FixtureServer target =
        FixtureServer.https()
            .page(
                "/",
                200,
                "<html>ok</html>",
                "Content-Type: text/html",
                "Strict-Transport-Security: max-age=31536000",
                "Set-Cookie: login=1; Secure; HttpOnly");
    sites.put("redirectTarget", target);
    sites.put(
        "redirect",
        FixtureServer.http()
            .page(
                "/",
                301,
                "",
                "Location: https://localhost:" + target.port() + "/",
                "Set-Cookie: tracking=1"));
    sites.put(
        "selfSigned",
        FixtureServer.https(TestCa.get().serverKeyStore(true, "EC", 256, Duration.ofDays(30)))
            .page(
                "/",
                200,
                "<html>self</html>",
                "Content-Type: text/html",
                "Strict-Transport-Security: max-age=31536000",
                "Set-Cookie: sess=1; HttpOnly; SameSite=None"));
    oracle =
        ObservatoryOracle.scanAll(
            sites.values().stream().map(FixtureServer::hostPort).toList(), caPem);
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (FixtureServer s : sites.values()) {
      s.close();
    }
  }

  private static ObservatoryScore assertAgrees(String name) throws Exception {
    FixtureServer site = sites.get(name);
    ObservatoryOracle.Verdict verdict = oracle.get(site.hostPort());
    assertThat(verdict).as("the Observatory scanned " + name).isNotNull();
    ObservatoryScore ours = Audit.of(site.hostPort(), options).run().observatory();
    assertThat(ours.results()).as("per-test results").isEqualTo(verdict.results());
    assertThat(ours.score()).as("score").isEqualTo(verdict.score());
    assertThat(ours.grade()).as("grade").isEqualTo(verdict.grade());
    return ours;
  }

  @Test
  void observatoryScore_aPlusSite_equalsOracle() throws Exception {
    assertThat(assertAgrees("aPlus").grade()).isEqualTo("A+");
  }

  @Test
  void observatoryScore_leakySite_equalsOracle() throws Exception {
    assertThat(assertAgrees("leaky").grade()).isEqualTo("F");
  }

  @Test
  void observatoryScore_middlingSite_equalsOracle() throws Exception {
    assertAgrees("middling");
  }

  @Test
  void observatoryScore_nonceStrictDynamicAndDuplicates_equalsOracle() throws Exception {
    assertAgrees("nonce");
  }

  @Test
  void observatoryScore_metaCspAndReportOnly_equalsOracle() throws Exception {
    assertAgrees("metaCsp");
  }

  @Test
  void observatoryScore_plainHttpSite_equalsOracle() throws Exception {
    assertAgrees("plainHttp");
  }

  @Test
  void observatoryScore_httpRedirectingToHttps_equalsOracle() throws Exception {
    assertAgrees("redirect");
  }

  @Test
  void observatoryScore_selfSignedCertificate_equalsOracle() throws Exception {
    assertAgrees("selfSigned");
  }
}
