package dev.armet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each check against a fixture that trips it and the hardened fixture that passes it: the hardened
 * site yields none of the checks' findings, each leaky fixture its own.
 */
class AuditChecksTest {
  static final String[] HARDENED = {
    "Content-Type: text/html;charset=utf-8",
    "Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
    "X-Content-Type-Options: nosniff",
    "X-Frame-Options: DENY",
    "Referrer-Policy: no-referrer",
    "Cross-Origin-Resource-Policy: same-origin",
    "Cross-Origin-Opener-Policy: same-origin",
    "Cross-Origin-Embedder-Policy: require-corp",
    "Permissions-Policy: camera=(), microphone=()",
    "X-XSS-Protection: 0",
    "RateLimit-Policy: \"default\";q=100;w=60",
    "RateLimit: \"default\";r=99;t=60",
    "Set-Cookie: __Host-session=abc; Secure; HttpOnly; SameSite=Lax; Path=/"
  };

  private static FixtureServer hardened;
  private static Report hardenedReport;
  private static AuditOptions options;

  @BeforeAll
  static void setUp() throws Exception {
    X509Certificate ca = TestCa.get().certificate;
    options = AuditOptions.of(o -> o.trust(ca).probeTls(false).timeout(Duration.ofSeconds(5)));
    hardened = FixtureServer.https().page("/", 200, "<!doctype html><title>ok</title>", HARDENED);
    hardenedReport = Audit.of(hardened.url(), options).run();
  }

  @AfterAll
  static void tearDown() throws Exception {
    hardened.close();
  }

  private static List<String> ids(Report r) {
    return r.findings().stream().map(Finding::id).toList();
  }

  private static Report audit(String body, String... headers) throws Exception {
    try (FixtureServer site = FixtureServer.https().page("/", 200, body, headers)) {
      return Audit.of(site.url(), options).run();
    }
  }

  @Test
  void hardenedSite_hasNoFinding_andArmetsBestGrade() {
    assertThat(hardenedReport.findings()).isEmpty();
    assertThat(hardenedReport.grade()).isEqualTo("A+");
    assertThat(hardenedReport.observatory().grade()).isEqualTo("A+");
    assertThat(hardenedReport.requests()).isLessThanOrEqualTo(AuditOptions.DEFAULT_MAX_REQUESTS);
  }

  @Test
  void headerChecks_leakyHeaders_reportEach() throws Exception {
    Report r =
        audit(
            "<html></html>",
            "Content-Type: text/html",
            "Content-Security-Policy: script-src 'self' 'unsafe-inline' 'unsafe-eval' 'strict-dynamic'",
            "X-XSS-Protection: 1; mode=block",
            "Public-Key-Pins: pin-sha256=\"x\"; max-age=10",
            "Expect-CT: max-age=0",
            "Strict-Transport-Security: max-age=600");
    assertThat(ids(r))
        .contains(
            "coop-missing",
            "coep-missing",
            "permissions-policy-missing",
            "csp-unsafe-inline",
            "csp-unsafe-eval",
            "csp-strict-dynamic-without-nonce",
            "csp-object-src-missing",
            "csp-base-uri-missing",
            "csp-frame-ancestors-missing",
            "x-xss-protection-enabled",
            "hpkp-present",
            "expect-ct-present",
            "hsts-short-max-age",
            "hsts-no-include-subdomains",
            "x-frame-options-not-implemented",
            "rate-limit-headers-missing");
    assertThat(r.grade()).isEqualTo("F");
    assertThat(ids(hardenedReport))
        .doesNotContain("csp-unsafe-inline", "hsts-short-max-age", "coop-missing");
  }

  @Test
  void nonceCheck_sameNonceTwice_reportsReuse() throws Exception {
    Report r =
        audit(
            "<html></html>",
            "Content-Type: text/html",
            "Content-Security-Policy: default-src 'self'; script-src 'nonce-c3RhdGlj'; object-src 'none'");
    assertThat(ids(r)).contains("csp-nonce-reused");
  }

  @Test
  void cookieChecks_weakCookies_reportEach() throws Exception {
    Report r =
        audit(
            "<html></html>",
            "Content-Type: text/html",
            "Set-Cookie: JSESSIONID=abc; Path=/",
            "Set-Cookie: prefs=1; Domain=127.0.0.1; Max-Age=999999999",
            "Set-Cookie: sid=2; Secure; HttpOnly; SameSite=None; Max-Age=99999999");
    assertThat(ids(r))
        .contains(
            "cookie-not-secure:JSESSIONID",
            "cookie-not-httponly:JSESSIONID",
            "cookie-no-samesite:JSESSIONID",
            "cookie-no-prefix:JSESSIONID",
            "cookie-name-fingerprint:JSESSIONID",
            "cookie-domain-scope:prefs",
            "cookie-samesite-none:sid",
            "cookie-long-lived:sid");
    assertThat(r.stack()).isEqualTo("spring");
    assertThat(r.findings())
        .filteredOn(f -> f.id().equals("cookie-not-secure:JSESSIONID"))
        .allSatisfy(f -> assertThat(f.fix()).contains("server.servlet.session.cookie.secure"));
  }

  @Test
  void leakageChecks_bannersEndpointsTraceAndErrors_reportEach() throws Exception {
    try (FixtureServer site =
        FixtureServer.https()
            .page(
                "/",
                200,
                "<html><title>Index of /</title></html>",
                "Content-Type: text/html",
                "Server: Apache/2.4.1 (Unix)",
                "X-Powered-By: Express")
            .page(
                "/armet-audit-missing-page",
                404,
                "<pre>Cannot GET /armet-audit-missing-page</pre>\n"
                    + "java.lang.IllegalStateException: boom\n\tat com.example.App.handle(App.java:42)")
            .page("/actuator/env", 200, "{\"propertySources\":[]}")
            .page("/jolokia", 200, "{}")) {
      Report r = Audit.of(site.url(), options).run();
      assertThat(ids(r))
          .contains(
              "server-version",
              "x-powered-by",
              "stack-trace",
              "default-error-page",
              "exposed-endpoint:/actuator/env",
              "exposed-endpoint:/jolokia",
              "directory-listing");
      assertThat(ids(r)).doesNotContain("exposed-endpoint:/h2-console", "trace-enabled");
      assertThat(r.stack()).isEqualTo("express");
      assertThat(r.findings())
          .filteredOn(f -> f.id().equals("x-powered-by"))
          .allSatisfy(f -> assertThat(f.fix()).contains("app.disable('x-powered-by')"));
    }
    assertThat(ids(hardenedReport))
        .doesNotContain("server-version", "stack-trace", "default-error-page");
  }

  @Test
  void corsCheck_reflectedOriginWithCredentials_reportsHigh() throws Exception {
    try (FixtureServer site =
        FixtureServer.https().page("/", 200, "<html></html>", HARDENED).reflectOrigin()) {
      Report r = Audit.of(site.url(), options).run();
      assertThat(r.findings())
          .filteredOn(f -> f.id().equals("cors-reflects-origin-with-credentials"))
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }
  }

  @Test
  void redirectChecks_temporaryRedirectFollowingHostileHost_reportBoth() throws Exception {
    try (FixtureServer https = FixtureServer.https().page("/", 200, "<html></html>", HARDENED);
        FixtureServer http = FixtureServer.http()) {
      // The http fixture redirects every request to the https one, on the Host it was sent.
      http.hostRedirect(https.port(), 302);
      Report r = Audit.of("http://localhost:" + http.port() + "/", options).run();
      assertThat(ids(r)).contains("redirect-host-injection", "redirect-temporary");
      assertThat(ids(r)).doesNotContain("https-missing");
      assertThat(ids(r))
          .contains("hsts-not-implemented-no-https"); // the Observatory's view of this pair
    }
  }

  @Test
  void csrfProbe_formAcceptingCrossSitePost_reportsIt_onlyWhenOptedIn() throws Exception {
    try (FixtureServer site =
        FixtureServer.https()
            .page(
                "/", 200, "<form method=\"post\" action=\"/notes\"><input name=n></form>", HARDENED)
            .page("/notes", 200, "saved")) {
      X509Certificate ca = TestCa.get().certificate;
      Report optedIn =
          Audit.of(site.url(), AuditOptions.of(o -> o.trust(ca).probeTls(false).probeCsrf(true)))
              .run();
      assertThat(ids(optedIn)).contains("csrf-not-refused");
      assertThat(ids(Audit.of(site.url(), options).run())).doesNotContain("csrf-not-refused");
    }
  }

  @Test
  void loginProbe_noLockout_reportsIt_withinFifteenAttempts() throws Exception {
    try (FixtureServer site =
        FixtureServer.https()
            .page("/", 200, "<html></html>", HARDENED)
            .page("/login", 200, "wrong password")) {
      X509Certificate ca = TestCa.get().certificate;
      Report r =
          Audit.of(
                  site.url(),
                  AuditOptions.of(o -> o.trust(ca).probeTls(false).loginProbe("/login", "alice")))
              .run();
      assertThat(ids(r)).contains("login-no-lockout");
      assertThat(r.requests()).isLessThanOrEqualTo(AuditOptions.DEFAULT_MAX_REQUESTS);
    }
  }

  @Test
  void budget_tinyBudget_stopsAndSaysSo() throws Exception {
    X509Certificate ca = TestCa.get().certificate;
    Report r =
        Audit.of(hardened.url(), AuditOptions.of(o -> o.trust(ca).probeTls(false).maxRequests(5)))
            .run();
    assertThat(r.requests()).isEqualTo(5);
    assertThat(ids(r)).contains("request-budget-reached");
  }

  @Test
  void malformedResponse_badChunkSize_isAClearUnreachableError() throws Exception {
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (java.net.Socket s = server.accept()) {
                    s.getOutputStream()
                        .write(
                            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      answer.setDaemon(true);
      answer.start();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Audit.of("http://127.0.0.1:" + server.getLocalPort() + "/", options).run())
          .isInstanceOf(UnreachableTargetException.class)
          .hasMessageContaining("malformed response body framing");
    }
  }

  @Test
  void unreachable_closedPort_throws() throws Exception {
    int port;
    try (FixtureServer s = FixtureServer.http()) {
      port = s.port();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Audit.of("127.0.0.1:" + port, options).run())
        .isInstanceOf(UnreachableTargetException.class)
        .hasMessageContaining("did not answer");
  }
}
