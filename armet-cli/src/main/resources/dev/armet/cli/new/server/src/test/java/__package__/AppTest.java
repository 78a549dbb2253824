package @@PACKAGE@@;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.armet.server.ArmetServer;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application over real HTTPS on a random port: headers, sign-in, CSRF refusal, lock-out. */
class AppTest {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"");

  @TempDir static Path data;
  static ArmetServer server;
  static SSLContext trust;

  @BeforeAll
  static void start() throws Exception {
    server = App.create(Map.of("ARMET_ENV", "development"), data,
        c -> c.httpsPort(0).httpPort(0).bindAddress("127.0.0.1").stopAtShutdown(false)).start();
    KeyStore pinned = KeyStore.getInstance("PKCS12");
    pinned.load(null, null);
    pinned.setCertificateEntry("server", server.certificate()); // trust this server's certificate only
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(pinned);
    trust = SSLContext.getInstance("TLS");
    trust.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  /** A browser of its own: a cookie jar, no redirects followed. */
  private static HttpClient browser() {
    return HttpClient.newBuilder().sslContext(trust).cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.httpsPort() + path);
  }

  private static HttpResponse<String> get(HttpClient browser, String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A form post as a browser sends it from this site's own page. */
  private static HttpResponse<String> post(HttpClient browser, String path, String site, String origin,
      Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return browser.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Sec-Fetch-Site", site).header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String self() {
    return "https://127.0.0.1:" + server.httpsPort();
  }

  /** The form's hidden CSRF field: name, then token. */
  private static String[] csrf(String page) {
    Matcher m = CSRF_FIELD.matcher(page);
    assertTrue(m.find(), "the page has a CSRF field");
    return new String[] {m.group(1), m.group(2)};
  }

  @Test
  void pages_carryTheSecurityHeaders() throws Exception {
    HttpResponse<String> home = get(browser(), "/");
    assertEquals(200, home.statusCode());
    assertTrue(home.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="));
    assertTrue(home.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src"));
    assertEquals("nosniff", home.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(home.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
    assertTrue(home.body().contains("<form method=\"post\" action=\"/\">"));
  }

  @Test
  void statusEndpoint_answersJson() throws Exception {
    HttpResponse<String> status = get(browser(), "/api/status");
    assertEquals(200, status.statusCode());
    assertTrue(status.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals("{\"status\":\"ok\",\"signedIn\":false,\"user\":null}", status.body());
  }

  @Test
  void form_acceptsItsOwnPost_andEscapesWhatItShows() throws Exception {
    HttpClient browser = browser();
    String[] field = csrf(get(browser, "/").body());
    HttpResponse<String> posted = post(browser, "/", "same-origin", self(),
        Map.of(field[0], field[1], "name", "<script>alert(1)</script>"));
    assertEquals(303, posted.statusCode());
    String page = get(browser, "/").body();
    assertTrue(page.contains("Hello, &lt;script&gt;alert(1)&lt;/script&gt;!"), page);
  }

  @Test
  void crossSitePost_isRefused_evenWithAToken() throws Exception {
    HttpClient browser = browser();
    String[] field = csrf(get(browser, "/").body());
    HttpResponse<String> forged = post(browser, "/", "cross-site", "https://attacker.example",
        Map.of(field[0], field[1], "name", "forged"));
    assertEquals(403, forged.statusCode());
  }

  @Test
  void postWithoutToken_isRefused() throws Exception {
    HttpClient browser = browser();
    get(browser, "/");
    assertEquals(403, post(browser, "/", "same-origin", self(), Map.of("name", "no token")).statusCode());
  }

  @Test
  void signIn_withTheRightPassword_startsASession() throws Exception {
    HttpClient browser = browser();
    String[] field = csrf(get(browser, "/login").body());
    HttpResponse<String> signedIn = post(browser, "/login", "same-origin", self(),
        Map.of(field[0], field[1], "username", App.DEMO_USER, "password", App.DEMO_PASSWORD));
    assertEquals(303, signedIn.statusCode());
    assertEquals("{\"status\":\"ok\",\"signedIn\":true,\"user\":\"demo\"}", get(browser, "/api/status").body());
  }

  @Test
  void repeatedWrongPasswords_lockTheAccountOut() throws Exception {
    HttpClient browser = browser();
    String[] field = csrf(get(browser, "/login").body());
    Map<String, String> guess = Map.of(field[0], field[1], "username", "guessed", "password", "wrong password");
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> failed = post(browser, "/login", "same-origin", self(), guess);
      assertEquals(200, failed.statusCode());
      assertTrue(failed.body().contains(LoginServlet.FAILED));
    }
    HttpResponse<String> locked = post(browser, "/login", "same-origin", self(), guess);
    assertEquals(429, locked.statusCode());
    assertTrue(locked.headers().firstValue("Retry-After").isPresent());
  }
}
