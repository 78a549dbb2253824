package dev.armet.bench;

import java.net.http.HttpClient;

/**
 * How the load reaches the targets: plain HTTP/1.1 (the default), HTTP/1.1 over TLS ({@code --tls},
 * wrk) or HTTP/2 over TLS ({@code --h2}, h2load). Under TLS every target listens on an HTTPS
 * connector with the same {@link BenchTls} that offers h2 and http/1.1 by ALPN; the client chooses.
 */
enum Transport {
  HTTP("http", HttpClient.Version.HTTP_1_1),
  TLS("https", HttpClient.Version.HTTP_1_1),
  H2("https", HttpClient.Version.HTTP_2);

  private final String scheme;
  private final HttpClient.Version version;

  Transport(String scheme, HttpClient.Version version) {
    this.scheme = scheme;
    this.version = version;
  }

  boolean secure() {
    return this != HTTP;
  }

  String scheme() {
    return scheme;
  }

  /** The protocol the pre-check's client asks for and must get. */
  HttpClient.Version version() {
    return version;
  }

  /** For the report: empty for plain HTTP, so that its output stays as it was. */
  String describe() {
    return switch (this) {
      case HTTP -> "";
      case TLS -> " over HTTPS (HTTP/1.1), " + BenchTls.describe();
      case H2 -> " over HTTPS (HTTP/2 by ALPN), " + BenchTls.describe();
    };
  }
}
