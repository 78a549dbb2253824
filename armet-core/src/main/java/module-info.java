/**
 * Armet core: the framework-free security mechanisms (headers, CSRF, sessions, keys, rate limits,
 * login throttling, client addresses, regex safety, security events) and, in {@code dev.armet.spi},
 * the small SPI a session or rate-limit store implements.
 *
 * <p>{@code dev.armet.internal.*} and {@code dev.armet.regex.internal} are not API: they are
 * exported only to the Armet modules that need them, and may change in any release.
 */
@SuppressWarnings("module") // qualified exports name Armet modules compiled after this one
module dev.armet.core {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time

  exports dev.armet.check;
  exports dev.armet.cookie;
  exports dev.armet.csrf;
  exports dev.armet.env;
  exports dev.armet.event;
  exports dev.armet.headers;
  exports dev.armet.http;
  exports dev.armet.keys;
  exports dev.armet.login;
  exports dev.armet.net;
  exports dev.armet.ratelimit;
  exports dev.armet.regex;
  exports dev.armet.session;
  exports dev.armet.spi;
  exports dev.armet.internal.cookie to
      dev.armet.servlet;
  exports dev.armet.internal.csrf to
      dev.armet.servlet;
  exports dev.armet.internal.env to
      dev.armet.redis,
      dev.armet.jdbc;
  exports dev.armet.internal.event to
      dev.armet.server;
  exports dev.armet.internal.headers to
      dev.armet.servlet,
      dev.armet.server;
  exports dev.armet.internal.http to
      dev.armet.servlet;
  exports dev.armet.internal.ratelimit to
      dev.armet.servlet;
  exports dev.armet.internal.session to
      dev.armet.servlet;
  exports dev.armet.internal.tls to
      dev.armet.audit,
      dev.armet.server;
}
