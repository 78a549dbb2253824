package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.server.ArmetServer;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser-like client of the demo: keeps cookies, connects from its own loopback address (so
 * each test has its own rate-limit and throttle counters), and reads the CSRF token from the last
 * page it loaded, as a form would.
 */
final class DemoClient {
  static final String SESSION_COOKIE = "__Host-id";
  static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final ArmetServer server;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private String token;

  DemoClient(ArmetServer server, String localAddress) throws Exception {
    this.server = server;
    this.http =
        TestTls.builder(server.certificate())
            .cookieHandler(cookies)
            .localAddress(InetAddress.getByName(localAddress))
            .build();
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.httpsPort() + path);
  }

  /** GET {@code path}; remembers the page's CSRF token, if it has one. */
  HttpResponse<String> get(String path) throws Exception {
    return remember(
        http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  /**
   * GET {@code path} sending only {@code cookieHeader}, as a stranger holding that cookie would.
   */
  HttpResponse<String> getWithOnly(String path, String cookieHeader) throws Exception {
    HttpClient bare = TestTls.client(server.certificate());
    return bare.send(
        HttpRequest.newBuilder(uri(path)).header("Cookie", cookieHeader).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a urlencoded form with the remembered CSRF token. */
  HttpResponse<String> post(String path, String... fields) throws Exception {
    assertThat(token).as("a page with a form was loaded first").isNotNull();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", token);
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return postForm(path, form);
  }

  /** POSTs exactly {@code form} (no token unless it holds one). */
  HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return remember(
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** The session cookie's value now, or null. */
  String sessionCookie() {
    for (HttpCookie c : cookies.getCookieStore().getCookies()) {
      if (c.getName().equals(SESSION_COOKIE)) {
        return c.getValue();
      }
    }
    return null;
  }

  /** Signs in as the demo account; asserts the 303. */
  void signIn() throws Exception {
    signIn(DemoAccounts.DEMO_USER, DemoAccounts.DEMO_PASSWORD);
  }

  /** Signs in; asserts the 303. */
  void signIn(String username, String password) throws Exception {
    get("/login");
    HttpResponse<String> r = post("/login", "username", username, "password", password);
    assertThat(r.statusCode()).as("sign-in answer: %s", r.body()).isEqualTo(303);
  }

  /** Creates an account and is signed in to it; asserts the 303 to /notes. */
  void signUp(String username, String password) throws Exception {
    get("/signup");
    HttpResponse<String> r = post("/signup", "username", username, "password", password);
    assertThat(r.statusCode()).as("sign-up answer: %s", r.body()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/notes");
  }

  /** POSTs a multipart form: the remembered CSRF token, then one file part. */
  HttpResponse<String> upload(String path, String fileName, byte[] content) throws Exception {
    String boundary = "----armet" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            + token
            + "\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName.replace("\"", "%22")
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.write(head.getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return remember(
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private HttpResponse<String> remember(HttpResponse<String> response) {
    Matcher m = CSRF_FIELD.matcher(response.body());
    if (m.find()) {
      token = m.group(1);
    }
    return response;
  }

  /** The visit count the home page shows. */
  static int visits(HttpResponse<String> home) {
    Matcher m = Pattern.compile("<strong id=\"visits\">(\\d+)</strong>").matcher(home.body());
    assertThat(m.find()).as("visit count on the page").isTrue();
    return Integer.parseInt(m.group(1));
  }
}
