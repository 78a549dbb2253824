package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.server.PreEncodedSecurityHeaders;
import dev.armet.net.ClientAddressResolver;
import dev.armet.servlet.ArmetFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jetty fast path ({@link PreEncodedSecurityHeaders} with the filter writing only the
 * per-request headers) keeps every guarantee of the filter alone, and sends every security header
 * exactly once, on every kind of response, counted on the raw HTTP/1.1 bytes.
 */
class PreEncodedHeadersTest {
  /** Every header the policy may send; each must appear at most once on any response. */
  static final List<String> SECURITY_HEADERS =
      List.of(
          "content-security-policy",
          "content-security-policy-report-only",
          "cross-origin-opener-policy",
          "cross-origin-resource-policy",
          "origin-agent-cluster",
          "referrer-policy",
          "strict-transport-security",
          "x-content-type-options",
          "x-dns-prefetch-control",
          "x-download-options",
          "x-frame-options",
          "x-permitted-cross-domain-policies",
          "x-xss-protection",
          "permissions-policy",
          "cache-control",
          "clear-site-data");

  @TempDir static Path data;
  static ArmetServer server;
  static SSLContext tls;

  @BeforeAll
  static void start() throws Exception {
    server = start(data, ArmetFilter.defaults());
    tls = TestTls.trusting(server.certificate());
  }

  static ArmetServer start(Path dir, ArmetFilter filter) throws Exception {
    Path statics = TestApp.staticFolder(dir);
    return ArmetServer.create(
            c ->
                TestCertificates.production(c, dir.resolve("pem"))
                    .httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .environment(ArmetEnvironment.PRODUCTION)
                    .dataDirectory(dir.resolve("data"))
                    .stopAtShutdown(false)
                    .filter(filter)
                    .servlet("/app/*", new TestApp())
                    .staticResources("/static", statics))
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static RawHttp.Response raw(
      ArmetServer s, SSLContext context, String method, String path, String... headers)
      throws Exception {
    StringBuilder request =
        new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
    for (String h : headers) {
      request.append(h).append("\r\n");
    }
    return RawHttp.sendTls(
        context, s.httpsPort(), request.append("Connection: close\r\n\r\n").toString());
  }

  /** What the filter alone would send: the whole policy, adjusted by {@code change}. */
  static Map<String, String> policy(
      SecurityHeaders headers,
      boolean secure,
      String path,
      UnaryOperator<Map<String, String>> change) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.write(
        (n, v) -> out.put(n.toLowerCase(Locale.ROOT), v),
        secure,
        path,
        headers.usesNonce() ? "replaced-by-the-caller" : null);
    return change.apply(out);
  }

  /** Each security header: exactly the expected value once, or absent. */
  static void assertExactlyOnce(
      RawHttp.Response response, Map<String, String> expected, String what) {
    for (String name : SECURITY_HEADERS) {
      List<String> values = response.headers().getOrDefault(name, List.of());
      if (expected.containsKey(name)) {
        assertThat(values).as("%s on %s", name, what).containsExactly(expected.get(name));
      } else if (!name.equals("cache-control")) {
        assertThat(values).as("%s on %s", name, what).isEmpty();
      } else {
        assertThat(values).as("%s on %s", name, what).hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void fastPath_isInstalled_andTheFilterSeesIt() throws Exception {
    assertThat(server.jetty().getDescendant(PreEncodedSecurityHeaders.class)).isNotNull();
    assertThat(raw(server, tls, "GET", "/app/container").body()).isEqualTo("true");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /app/ok",
        "HEAD /app/ok",
        "GET /app/missing",
        "GET /app/fail",
        "GET /app/boom",
        "GET /app/redirect",
        "GET /app/flush",
        "GET /app/async",
        "GET /static/site.css",
        "GET /static/",
        "GET /nowhere",
        "POST /app/ok",
        "TRACE /app/ok",
        "GET /static/..;/x"
      })
  void everyKindOfResponse_sendsEachSecurityHeaderOnce(String request) throws Exception {
    String[] parts = request.split(" ");
    RawHttp.Response response = raw(server, tls, parts[0], parts[1]);
    assertExactlyOnce(
        response,
        policy(SecurityHeaders.defaults(), true, parts[1], UnaryOperator.identity()),
        request + " (" + response.status() + ")");
  }

  @Test
  void appSetHeader_replacesThePreEncodedOne() throws Exception {
    RawHttp.Response response = raw(server, tls, "GET", "/app/app-wins");
    assertExactlyOnce(
        response,
        policy(
            SecurityHeaders.defaults(),
            true,
            "/",
            h -> {
              h.put("x-frame-options", "DENY");
              h.put("referrer-policy", "strict-origin");
              return h;
            }),
        "app-wins");
  }

  @Test
  void reset_putsTheWholePolicyBack() throws Exception {
    RawHttp.Response response = raw(server, tls, "GET", "/app/reset");
    assertThat(response.body()).contains("after reset");
    assertThat(response.header("x-app")).isNull();
    assertExactlyOnce(
        response, policy(SecurityHeaders.defaults(), true, "/", UnaryOperator.identity()), "reset");
  }

  @Test
  void perRequestAdjustments_stillApply() throws Exception {
    RawHttp.Response widget = raw(server, tls, "GET", "/app/widget");
    assertExactlyOnce(
        widget,
        policy(
            SecurityHeaders.defaults(),
            true,
            "/",
            h -> {
              h.remove("x-frame-options");
              h.put("cache-control", SecurityHeaders.NO_STORE);
              h.put(
                  "content-security-policy",
                  h.get("content-security-policy")
                      .replace(
                          "frame-ancestors 'self'",
                          "frame-ancestors 'self' https://partner.example"));
              return h;
            }),
        "widget");
    RawHttp.Response removed = raw(server, tls, "GET", "/app/remove");
    assertExactlyOnce(
        removed,
        policy(
            SecurityHeaders.defaults(),
            true,
            "/",
            h -> {
              h.remove("permissions-policy");
              return h;
            }),
        "remove");
  }

  @Test
  void httpRedirect_isUnaffected_noHsts() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            server.httpPort(),
            "GET /app/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(308);
    assertExactlyOnce(
        response,
        policy(SecurityHeaders.defaults(), false, "/app/ok", UnaryOperator.identity()),
        "redirect");
  }

  @Test
  void jettyLevelErrors_areUnaffected() throws Exception {
    RawHttp.Response malformed =
        RawHttp.sendTls(tls, server.httpsPort(), "GET /a b c\u0001 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(malformed.status()).isEqualTo(400);
    assertExactlyOnce(
        malformed, policy(SecurityHeaders.defaults(), true, "/", UnaryOperator.identity()), "400");
    RawHttp.Response big = raw(server, tls, "GET", "/app/ok", "X-Big: " + "x".repeat(12 * 1024));
    assertThat(big.status()).isEqualTo(431);
    assertExactlyOnce(
        big, policy(SecurityHeaders.defaults(), true, "/", UnaryOperator.identity()), "431");
  }

  @Test
  void http2_sendsEachSecurityHeaderOnce() throws Exception {
    HttpClient h2 =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2).build();
    for (String path : List.of("/app/ok", "/app/missing", "/app/ok", "/app/widget", "/app/ok")) {
      HttpResponse<String> response =
          h2.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      for (String name : SECURITY_HEADERS) {
        assertThat(response.headers().allValues(name))
            .as("%s on h2 %s", name, path)
            .hasSizeLessThanOrEqualTo(1);
      }
      assertThat(response.headers().allValues("x-content-type-options")).containsExactly("nosniff");
      assertThat(response.headers().allValues("strict-transport-security")).hasSize(1);
    }
  }

  @Test
  void noncePolicy_cspIsPerResponse_restConstant(@TempDir Path dir) throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.headers(
                    h -> h.contentSecurityPolicy(c -> c.nonce("script-src")).noStore("/app/ok")));
    try (ArmetServer nonce = start(dir, filter)) {
      SSLContext context = TestTls.trusting(nonce.certificate());
      assertThat(nonce.jetty().getDescendant(PreEncodedSecurityHeaders.class)).isNotNull();
      List<String> csps = new ArrayList<>();
      for (String path : List.of("/app/ok", "/app/ok", "/app/missing", "/app/boom")) {
        RawHttp.Response response = raw(nonce, context, "GET", path);
        String csp = response.header("content-security-policy");
        assertThat(csp).contains("'nonce-");
        csps.add(csp);
        assertExactlyOnce(
            response,
            policy(
                filter.headers(),
                true,
                path,
                h -> {
                  h.put("content-security-policy", csp);
                  return h;
                }),
            "nonce " + path);
      }
      assertThat(csps).doesNotHaveDuplicates();
      assertThat(raw(nonce, context, "GET", "/app/ok").header("cache-control"))
          .isEqualTo(SecurityHeaders.NO_STORE);
    }
  }

  @Test
  void trustedProxies_keepTheFilterAlone_andItsVerdictOnSecure(@TempDir Path dir) throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a -> a.proxies(ClientAddressResolver.builder().trustedProxies("loopback").build()));
    try (ArmetServer proxied = start(dir, filter)) {
      SSLContext context = TestTls.trusting(proxied.certificate());
      assertThat(proxied.jetty().getDescendant(PreEncodedSecurityHeaders.class)).isNull();
      // The proxy says the client spoke plain HTTP to it: no HSTS, as the filter decides.
      RawHttp.Response response =
          raw(
              proxied,
              context,
              "GET",
              "/app/ok",
              "X-Forwarded-For: 203.0.113.7",
              "X-Forwarded-Proto: http");
      assertExactlyOnce(
          response,
          policy(filter.headers(), false, "/app/ok", UnaryOperator.identity()),
          "proxied");
      assertThat(raw(proxied, context, "GET", "/app/container").body()).isEqualTo("false");
    }
  }
}
