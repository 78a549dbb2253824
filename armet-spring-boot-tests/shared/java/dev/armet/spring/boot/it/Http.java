package dev.armet.spring.boot.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like client over real HTTP on loopback: keeps cookies itself (so {@code __Host-}
 * cookies work on plain http), follows no redirects, and says it came through the trusted
 * loopback proxy over HTTPS ({@code X-Forwarded-Proto: https}, {@code X-Forwarded-Host} with
 * the port the browser used), as a TLS-terminating proxy
 * would: that is what gives the {@code __Host-} cookie and HSTS in a test on plain http.
 */
final class Http {
  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** The browser's address as the trusted loopback proxy reports it (a documentation address). */
  static final String CLIENT = "203.0.113.7";
  private final int port;
  final Map<String, String> cookies = new LinkedHashMap<>();

  Http(int port) {
    this.port = port;
  }

  String origin() {
    return "https://localhost:" + port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(base(path).GET().build());
  }

  HttpResponse<String> post(String path, Map<String, String> form, String... headers)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b = base(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  /** A POST of {@code body} as {@code contentType} (a browser's CSP report, say). */
  HttpResponse<String> postRaw(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(base(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A GET with exactly this Cookie header (the kept cookies are not sent). */
  HttpResponse<String> getWithCookie(String path, String cookie)
      throws IOException, InterruptedException {
    Map<String, String> kept = new LinkedHashMap<>(cookies);
    cookies.clear();
    try {
      return send(base(path).header("Cookie", cookie).GET().build());
    } finally {
      cookies.clear();
      cookies.putAll(kept);
    }
  }

  /** A same-origin form post, as a browser sends it. */
  HttpResponse<String> postSameOrigin(String path, Map<String, String> form)
      throws IOException, InterruptedException {
    return post(path, form, "Origin", origin(), "Sec-Fetch-Site", "same-origin");
  }

  /** Whether /actuator/health shows the armet component UP (Boot 3 and 4 order the keys differently). */
  static boolean armetHealthUp(String json) {
    return Pattern.compile("\"armet\":\\{[^{}]*(\\{[^{}]*\\}[^{}]*)?\"status\":\"UP\"").matcher(json).find();
  }

  static String csrfToken(String html) {
    Matcher m = TOKEN.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no _csrf field in " + html);
    }
    return m.group(1);
  }

  private HttpRequest.Builder base(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20)).header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "localhost:" + port).header("X-Forwarded-For", CLIENT);
    if (!cookies.isEmpty()) {
      StringBuilder c = new StringBuilder();
      cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      b.header("Cookie", c.toString());
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return r;
  }
}
