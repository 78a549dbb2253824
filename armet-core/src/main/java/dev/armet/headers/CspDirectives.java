package dev.armet.headers;

import java.util.Set;

/**
 * The directive names CSP Level 3 and its companion specs define, and the keywords among sources.
 */
final class CspDirectives {
  private CspDirectives() {}

  static final Set<String> KNOWN =
      Set.of(
          "default-src",
          "child-src",
          "connect-src",
          "font-src",
          "frame-src",
          "img-src",
          "manifest-src",
          "media-src",
          "object-src",
          "script-src",
          "script-src-elem",
          "script-src-attr",
          "style-src",
          "style-src-elem",
          "style-src-attr",
          "worker-src",
          "fenced-frame-src",
          "base-uri",
          "sandbox",
          "form-action",
          "frame-ancestors",
          "upgrade-insecure-requests",
          "block-all-mixed-content",
          "report-uri",
          "report-to",
          "require-trusted-types-for",
          "trusted-types",
          "webrtc");

  /** Directives that take no sources: present or absent. */
  static final Set<String> VALUELESS =
      Set.of("upgrade-insecure-requests", "block-all-mixed-content");

  /** Directives that may legitimately have an empty source list. */
  static final Set<String> MAY_BE_EMPTY = Set.of("sandbox", "trusted-types");

  /** Directives a nonce or hash can be added to. */
  static final Set<String> NONCEABLE =
      Set.of("default-src", "script-src", "script-src-elem", "style-src", "style-src-elem");

  /** Source keywords that are only keywords when single-quoted; bare, they name a host. */
  static final Set<String> KEYWORDS =
      Set.of(
          "self",
          "none",
          "unsafe-inline",
          "unsafe-eval",
          "strict-dynamic",
          "unsafe-hashes",
          "report-sample",
          "unsafe-allow-redirects",
          "wasm-unsafe-eval",
          "inline-speculation-rules",
          "trusted-types-eval",
          "report-sha256",
          "report-sha384",
          "report-sha512");
}
