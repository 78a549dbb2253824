package dev.armet.servlet.csrf;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A cookie jar over java.net.http: keeps what Set-Cookie says, sends it back like a browser. */
final class Browser {
  final Map<String, String> cookies = new LinkedHashMap<>();
  private final CsrfServer server;

  Browser(CsrfServer server) {
    this.server = server;
  }

  /** GETs {@code /form} and returns the masked token the page received. */
  String formToken() throws Exception {
    HttpResponse<String> r = send("GET", "/form", null, null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /form: " + r.statusCode());
    }
    return r.body();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, null, null, headers);
  }

  /** A same-origin urlencoded form post, as a browser sends it from this site's own page. */
  HttpResponse<String> postForm(String path, String form, String... headers) throws Exception {
    return send(
        "POST",
        path,
        "application/x-www-form-urlencoded",
        form,
        concat(new String[] {"Origin", server.origin(), "Sec-Fetch-Site", "same-origin"}, headers));
  }

  HttpResponse<String> send(
      String method, String path, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.origin() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    Map<String, String> set = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      set.put(headers[i], headers[i + 1]); // later values replace earlier ones
    }
    set.forEach(
        (name, value) -> {
          if (value != null) {
            b.header(name, value);
          }
        });
    if (!cookies.isEmpty() && !set.containsKey("Cookie")) {
      b.header("Cookie", cookieHeader());
    }
    HttpResponse<String> r = server.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    for (String c : r.headers().allValues("Set-Cookie")) {
      String pair = c.substring(0, c.indexOf(';'));
      String name = pair.substring(0, pair.indexOf('='));
      if (c.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, pair.substring(name.length() + 1));
      }
    }
    return r;
  }

  String cookieHeader() {
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
