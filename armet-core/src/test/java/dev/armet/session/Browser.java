package dev.armet.session;

import dev.armet.cookie.RequestCookies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A minimal cookie jar that plays requests through a {@link Sessions}, as a browser would. */
final class Browser {
  final Map<String, String> jar = new LinkedHashMap<>();
  String lastSetCookie;

  Optional<String> request(Sessions sessions, boolean secure, Consumer<Session> app) {
    Session s = sessions.open(RequestCookies.parse(cookieHeader()), secure);
    app.accept(s);
    Optional<String> set = sessions.commit(s);
    lastSetCookie = set.orElse(null);
    set.ifPresent(this::store);
    return set;
  }

  Optional<String> request(Sessions sessions, Consumer<Session> app) {
    return request(sessions, false, app);
  }

  String cookieHeader() {
    StringBuilder out = new StringBuilder();
    jar.forEach(
        (k, v) -> out.append(out.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    return out.toString();
  }

  void store(String setCookie) {
    String pair = setCookie.substring(0, setCookie.indexOf(';'));
    String name = pair.substring(0, pair.indexOf('='));
    String value = pair.substring(pair.indexOf('=') + 1);
    if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
      jar.remove(name);
    } else {
      jar.put(name, value);
    }
  }

  Browser copy() {
    Browser b = new Browser();
    b.jar.putAll(jar);
    return b;
  }
}
