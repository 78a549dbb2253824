package dev.armet.headers;

/**
 * {@code X-Frame-Options} values (RFC 7034). Default: {@link #SAMEORIGIN}, as Helmet. CSP's {@code
 * frame-ancestors} supersedes it in current browsers; it stays for old ones.
 */
public enum FrameOptions {
  DENY,
  SAMEORIGIN
}
