package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The plain sample (no Spring Security) over real HTTP on a random port. */
@SpringBootTest(classes = {PlainApp.class, PlainAppTest.Events.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = Samples.NO_SECURITY)
class PlainAppTest {
  /** Two strong secrets, primary first: the key ring the endpoint must describe without showing. */
  static final List<String> SECRETS = List.of(Secrets.generate(), Secrets.generate());
  @Autowired Environment environment;
  @Autowired MeterRegistry meters;
  @Autowired Keyring keyring;

  @DynamicPropertySource
  static void secrets(DynamicPropertyRegistry properties) {
    properties.add("armet.secrets", () -> String.join(",", SECRETS));
  }
  Http http;
  static final java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every security event, as an application's SIEM forwarder would see it. */
  static class Events {
    @org.springframework.context.annotation.Bean
    dev.armet.spring.boot.ArmetEventObserver recorder() {
      return e -> events.add(e.toString());
    }
  }

  @BeforeEach
  void client() {
    http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
  }

  @Test
  void page_hasHelmetHeadersAndTheTemplateNonce() throws Exception {
    HttpResponse<String> r = http.get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    var h = r.headers();
    String csp = h.firstValue("Content-Security-Policy").orElseThrow();
    Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/_=-]+)'").matcher(csp);
    assertThat(nonce.find()).as(csp).isTrue();
    assertThat(r.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
    assertThat(csp).startsWith("default-src 'self';base-uri 'self';").contains("object-src 'none'");
    assertThat(h.firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
    assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(h.firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(h.firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
    assertThat(h.firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
    assertThat(h.firstValue("Origin-Agent-Cluster")).hasValue("?1");
    assertThat(h.firstValue("X-XSS-Protection")).hasValue("0");
    assertThat(h.firstValue("Permissions-Policy")).isPresent();
    assertThat(h.firstValue("X-Powered-By")).isEmpty();
    // A second response gets a fresh nonce.
    assertThat(http.get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
        .isNotEqualTo(csp);
  }

  @Test
  void session_isArmetsHostPrefixedCookie_andKeepsItsData() throws Exception {
    HttpResponse<String> first = http.get("/");
    String setCookie = first.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("__Host-id=")).findFirst().orElseThrow();
    assertThat(setCookie).contains("; Secure").contains("; HttpOnly").contains("SameSite=Lax")
        .contains("Path=/").doesNotContain("Domain=");
    assertThat(first.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    assertThat(http.get("/").body()).contains("<span id=\"count\">2</span>");
  }

  @Test
  void csrf_crossSitePostRefused_formTokenAccepted_refusalCounted() throws Exception {
    double before = rejected("csrf");
    HttpResponse<String> page = http.get("/");
    String token = Http.csrfToken(page.body());
    HttpResponse<String> cross = http.post("/notes", Map.of("_csrf", token),
        "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
    assertThat(cross.statusCode()).isEqualTo(403);
    assertThat(cross.body()).doesNotContain("saved");
    assertThat(rejected("csrf")).isEqualTo(before + 1);
    assertThat(events).anyMatch(e -> e.contains("csrf"));

    HttpResponse<String> noToken = http.postSameOrigin("/notes", Map.of());
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(rejected("csrf")).isEqualTo(before + 2);

    HttpResponse<String> ok = http.postSameOrigin("/notes", Map.of("_csrf", token));
    assertThat(ok.statusCode()).as(ok.body() + " " + http.cookies + " " + events).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("saved");
  }

  /** Past every gate's burst (10 per type): the log is bounded, the counter is not. */
  @Test
  void csrfFlood_everyRefusalCounted() throws Exception {
    double before = rejected("csrf");
    for (int i = 0; i < 30; i++) {
      assertThat(http.post("/notes", Map.of(), "Origin", "https://evil.example",
          "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    }
    assertThat(rejected("csrf")).isEqualTo(before + 30);
  }

  @Test
  void actuatorEndpoint_showsPolicyStoreKeyIdsAndFindings_neverAKey() throws Exception {
    HttpResponse<String> r = http.get("/actuator/armet");
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> ids = keyring.keyIds();
    assertThat(ids).hasSize(2);
    assertThat(r.body()).contains("\"env\":\"development\"").contains("\"store\":\"memory\"")
        .contains("\"sessions\":\"armet\"").contains("\"csrf\":\"armet\"")
        .contains("\"springSecurity\":\"absent\"")
        .contains("\"keyring\":{\"keys\":2,\"keyIds\":[\"" + ids.get(0) + "\",\"" + ids.get(1)
            + "\"],\"primary\":\"" + ids.get(0) + "\",\"productionReady\":true}")
        .contains("\"topic\":\"armet.store\"").contains("\"forwardHeaders\":\"unset")
        .contains("\"X-Content-Type-Options\":\"nosniff\"").contains("script-src 'self' 'nonce-");
    // Never a secret, nor anything as long as a key in base64 (the nonce is 22 characters).
    for (String secret : SECRETS) {
      assertThat(r.body()).doesNotContain(secret).doesNotContain(secret.substring(0, 12));
    }
    String withoutLongHeaderName = r.body().replace("X-Permitted-Cross-Domain-Policies", "");
    assertThat(Pattern.compile("[A-Za-z0-9+/_=-]{32,}").matcher(withoutLongHeaderName).find())
        .as(r.body()).isFalse();
    HttpResponse<String> health = http.get("/actuator/health");
    assertThat(Http.armetHealthUp(health.body())).isTrue();
  }

  @Test
  void sessionMeters_countCreatedAndTampered_andTheStoreIsTimedOnce() throws Exception {
    double created = Meters.count(meters, "armet.sessions", "event", "created");
    double tampered = Meters.count(meters, "armet.sessions", "event", "tampered");
    long saved = Meters.timed(meters, "sessions", "save", "ok");
    long hits = Meters.timed(meters, "sessions", "load", "hit");
    http.get("/");
    assertThat(Meters.count(meters, "armet.sessions", "event", "created")).isEqualTo(created + 1);
    assertThat(Meters.timed(meters, "sessions", "save", "ok")).isEqualTo(saved + 1);
    http.get("/");
    assertThat(Meters.timed(meters, "sessions", "load", "hit")).isEqualTo(hits + 1);
    assertThat(Meters.timed(meters, "sessions", "save", "ok")).isEqualTo(saved + 2);

    HttpResponse<String> forged = http.getWithCookie("/", "__Host-id=AAAA.forged.bm90LWEtbWFj");
    assertThat(forged.statusCode()).isEqualTo(200);
    assertThat(forged.body()).contains("<span id=\"count\">1</span>");
    assertThat(Meters.count(meters, "armet.sessions", "event", "tampered")).isEqualTo(tampered + 1);
  }

  @Test
  void cspReports_violationCounted_oversizedReportRefusedAndCounted() throws Exception {
    double violations = Meters.count(meters, "armet.csp.reports", "directive", "script-src-elem",
        "disposition", "enforce");
    double size = Meters.count(meters, "armet.requests.rejected", "control", "size");
    String report = "{\"csp-report\":{\"document-uri\":\"https://localhost/\","
        + "\"effective-directive\":\"script-src-elem\",\"violated-directive\":\"script-src-elem\","
        + "\"blocked-uri\":\"inline\",\"disposition\":\"enforce\"}}";
    assertThat(http.postRaw("/_armet/csp-report", "application/csp-report", report).statusCode())
        .isEqualTo(204);
    assertThat(Meters.count(meters, "armet.csp.reports", "directive", "script-src-elem",
        "disposition", "enforce")).isEqualTo(violations + 1);

    HttpResponse<String> big = http.postRaw("/_armet/csp-report", "application/csp-report",
        "{\"csp-report\":{\"blocked-uri\":\"" + "x".repeat(20_000) + "\"}}");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(Meters.count(meters, "armet.requests.rejected", "control", "size",
        "reason", "too_large")).isEqualTo(size + 1);
  }

  private double rejected(String control) {
    return meters.find("armet.requests.rejected").tag("control", control).counters().stream()
        .mapToDouble(Counter::count).sum();
  }
}
