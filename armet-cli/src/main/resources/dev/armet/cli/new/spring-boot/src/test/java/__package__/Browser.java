package @@PACKAGE@@;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser of its own over real HTTP on loopback: a cookie jar, no redirects followed. */
final class Browser {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"");
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;

  Browser(int port) {
    this.port = port;
  }

  /** The origin this browser's pages come from. */
  String origin() {
    return "http://localhost:" + port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Loads {@code page}, then posts {@code fields} and the page's CSRF field to {@code action}, as its form does. */
  HttpResponse<String> submit(String page, String action, Map<String, String> fields)
      throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>(csrfField(get(page).body()));
    form.putAll(fields);
    return post(action, form, "same-origin", origin());
  }

  /** A form post with these Fetch Metadata and Origin headers. */
  HttpResponse<String> post(String path, Map<String, String> form, String site, String origin)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return client.send(HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Sec-Fetch-Site", site).header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Gives this browser the cookie {@code name} (a copy of another browser's). */
  Browser withCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(origin()), cookie);
    return this;
  }

  /** The value of this browser's cookie {@code name}, if it has one. */
  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst();
  }

  /** The hidden CSRF field of the page's first form: name to token. */
  static Map<String, String> csrfField(String page) {
    Matcher m = CSRF_FIELD.matcher(page);
    if (!m.find()) {
      throw new AssertionError("the page has no CSRF field:\n" + page);
    }
    return Map.of(m.group(1), m.group(2));
  }
}
