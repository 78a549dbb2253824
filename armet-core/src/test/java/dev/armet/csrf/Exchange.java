package dev.armet.csrf;

import dev.armet.cookie.RequestCookies;
import dev.armet.http.Origin;
import dev.armet.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A plain in-memory request and response, the way an adapter would present them. */
final class Exchange implements CsrfRequest, CsrfResponse {
  static final Origin SERVER = Origin.parse("https://app.example");

  String method = "POST";
  String path = "/notes";
  String query;
  final Map<String, String> headers = new LinkedHashMap<>();
  final Map<String, String> form = new LinkedHashMap<>();
  String cookieHeader;
  Session session;
  boolean committed;
  int formReads;
  final List<String[]> written = new ArrayList<>();

  Exchange header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  /** What a same-origin page of a current browser sends. */
  Exchange sameOrigin() {
    return header("Sec-Fetch-Site", "same-origin").header("Origin", SERVER.toString());
  }

  List<String> written(String name) {
    return written.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
  }

  /** The Set-Cookie values written, as a Cookie header a browser would send next. */
  String cookiesForNextRequest() {
    Map<String, String> jar = new LinkedHashMap<>();
    if (cookieHeader != null) {
      for (String pair : cookieHeader.split("; ")) {
        jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    for (String c : written("Set-Cookie")) {
      String pair = c.substring(0, c.indexOf(';'));
      jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    StringBuilder out = new StringBuilder();
    jar.forEach(
        (k, v) -> out.append(out.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    return out.toString();
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String queryString() {
    return query;
  }

  @Override
  public String formField(String name) {
    formReads++;
    return form.get(name);
  }

  @Override
  public Origin serverOrigin() {
    return SERVER;
  }

  @Override
  public boolean isSecure() {
    return true;
  }

  @Override
  public RequestCookies cookies() {
    return RequestCookies.parse(cookieHeader);
  }

  @Override
  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  @Override
  public void addHeader(String name, String value) {
    if (committed) {
      throw new IllegalStateException("committed");
    }
    written.add(new String[] {name, value});
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }
}
