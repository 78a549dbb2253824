package dev.armet.audit.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request as the auditor sends it, byte for byte: the target and Host header may be deliberately
 * malformed (the leakage checks send {@code /%} and a hostile Host).
 */
public record Request(
    String method,
    URI url,
    String rawTarget,
    String host,
    List<Map.Entry<String, String>> headers,
    String body) {
  public Request {
    headers = List.copyOf(headers);
  }

  public static Request get(URI url) {
    return new Request("GET", url, null, null, List.of(), null);
  }

  public Request method(String m) {
    return new Request(m, url, rawTarget, host, headers, body);
  }

  public Request target(String raw) {
    return new Request(method, url, raw, host, headers, body);
  }

  public Request hostHeader(String h) {
    return new Request(method, url, rawTarget, h, headers, body);
  }

  public Request header(String name, String value) {
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(Map.entry(name, value));
    return new Request(method, url, rawTarget, host, more, body);
  }

  public Request body(String text) {
    return new Request(method, url, rawTarget, host, headers, text);
  }
}
