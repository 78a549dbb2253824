package dev.armet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Signs a full-stack target's bench user in and checks, before anything is measured, that the
 * target really does what it is compared for: the answer comes from the session read (it differs
 * without the cookie), and the limiter decided on the request and admitted it. A target that
 * skipped either would look cheaper than it is, so the harness refuses to measure it. Under {@code
 * --tls} / {@code --h2} the checks run over HTTPS, trusting the bench certificate, and over the
 * protocol the load uses.
 */
final class FullCheck {
  private FullCheck() {}

  /** Signs in (when the target has sessions) and keeps the cookies for the load. */
  static void prepare(Target t) throws Exception {
    if (!t.readsSession()) {
      return;
    }
    try (HttpClient client = t.newClient()) {
      Map<String, String> jar = new LinkedHashMap<>();
      HttpResponse<String> login =
          send(client, t.url().replaceAll("/$", "") + FullStack.LOGIN, null);
      if (login.statusCode() != 200) {
        throw new IllegalStateException(t.name() + ": sign-in answered " + login.statusCode());
      }
      keep(jar, login);
      // A first signed-in request may set more cookies (a CSRF secret, a renewed id): keep them,
      // as a browser would, so that the measured requests are all alike.
      keep(jar, send(client, t.url(), header(jar)));
      t.cookie(header(jar));
    }
  }

  /** Throws unless the target read the session and its limiter admitted the request. */
  static void verify(Target t) throws Exception {
    LongSupplier decisions = t.limiterDecisions();
    if (!t.readsSession() && decisions == null) {
      return;
    }
    try (HttpClient client = t.newClient()) {
      long before = decisions == null ? 0 : decisions.getAsLong();
      HttpResponse<String> res = send(client, t.url(), t.cookie());
      protocol(t, res);
      if (res.statusCode() != 200) {
        throw new IllegalStateException(
            t.name() + ": a signed-in request answered " + res.statusCode());
      }
      if (decisions != null && decisions.getAsLong() <= before) {
        throw new IllegalStateException(
            t.name() + ": the rate limiter did not decide on the request");
      }
      if (t.readsSession()) {
        if (!FullStack.SIGNED_IN.equals(res.body())) {
          throw new IllegalStateException(
              t.name() + ": the answer did not come from the session: " + res.body().strip());
        }
        HttpResponse<String> anonymous = send(client, t.url(), null);
        if (anonymous.statusCode() == 200 && FullStack.SIGNED_IN.equals(anonymous.body())) {
          throw new IllegalStateException(t.name() + ": answers as signed in without the cookie");
        }
        if (res.headers().allValues("set-cookie").size() > 0) {
          throw new IllegalStateException(
              t.name()
                  + ": a plain read sets cookies "
                  + res.headers().allValues("set-cookie")
                  + "; the load would not be steady");
        }
      }
    }
  }

  /** Throws unless the answer came over the load's protocol (h2 under {@code --h2}). */
  static void protocol(Target t, HttpResponse<?> res) {
    if (res.version() != t.transport().version()) {
      throw new IllegalStateException(
          t.name() + ": answered over " + res.version() + ", not " + t.transport().version());
    }
  }

  private static HttpResponse<String> send(HttpClient client, String url, String cookie)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (cookie != null && !cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void keep(Map<String, String> jar, HttpResponse<?> res) {
    List<String> set = res.headers().allValues("set-cookie");
    for (String c : set) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  private static String header(Map<String, String> jar) {
    return jar.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }
}
