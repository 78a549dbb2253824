package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import dev.armet.server.acme.AcmeChallengeType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One configuration key: its name, default, meaning and how it applies to the builder. The table in
 * docs/CONFIGURATION.md is checked against {@link #ALL} by a test.
 */
record SettingKey(
    String key,
    String defaultValue,
    String meaning,
    BiConsumer<ArmetServerConfig.Builder, String> apply) {
  static final List<SettingKey> ALL =
      List.of(
          key(
              "env",
              "production",
              "mode: development or production (ARMET_ENV)",
              (b, v) -> b.environment(ArmetEnvironment.parse(v))),
          key(
              "server.https-port",
              "8443",
              "HTTPS port (0: any free port)",
              (b, v) -> b.httpsPort(SettingValues.port("server.https-port", v))),
          key(
              "server.http-port",
              "8080",
              "plain HTTP port; it only redirects to HTTPS",
              (b, v) -> b.httpPort(SettingValues.port("server.http-port", v))),
          key(
              "server.bind-address",
              "(every interface)",
              "the address both ports listen on",
              (b, v) -> b.bindAddress(v)),
          key(
              "server.canonical-host",
              "localhost",
              "the host name redirects point to (never the request's Host)",
              (b, v) -> b.canonicalHost(v)),
          key(
              "server.data-dir",
              "data",
              "folder for the server's own files (the development certificate)",
              (b, v) -> b.dataDirectory(Path.of(v))),
          key(
              "server.static-dir",
              "(none)",
              "a folder served at / (armet serve)",
              (b, v) -> b.staticResources("/", Path.of(v))),
          key(
              "server.stop-timeout",
              "10s",
              "how long a stop waits for in-flight requests",
              (b, v) -> b.stopTimeout(SettingValues.duration("server.stop-timeout", v))),
          key(
              "server.user",
              "(none)",
              "user to switch to after binding as root",
              (b, v) -> b.user(v)),
          key(
              "server.group",
              "(the user's group)",
              "group to switch to after binding as root",
              (b, v) -> b.group(v)),
          key(
              "server.allow-root",
              "false",
              "let production run as root without switching (containers)",
              (b, v) -> b.allowRoot(SettingValues.bool("server.allow-root", v))),
          key(
              "tls.profile",
              "intermediate",
              "intermediate (TLS 1.2+1.3) or modern (TLS 1.3 only)",
              (b, v) -> b.tls(t -> t.profile(TlsProfile.parse(v)))),
          key(
              "tls.certificate",
              "(none)",
              "PEM certificate chain, leaf first (certbot's fullchain.pem)",
              (b, v) -> b.tls(t -> t.certificateChain(Path.of(v)))),
          key(
              "tls.private-key",
              "(none)",
              "PEM private key: PKCS#8, PKCS#1 RSA or SEC1 EC (certbot's privkey.pem)",
              (b, v) -> b.tls(t -> t.privateKey(Path.of(v)))),
          key(
              "tls.keystore",
              "(none)",
              "PKCS#12 key store instead of PEM files",
              (b, v) -> b.tls(t -> t.keyStore(Path.of(v)))),
          key(
              "tls.keystore-password",
              "(empty)",
              "its password; prefer ARMET_TLS_KEYSTORE_PASSWORD",
              (b, v) -> b.tls(t -> t.keyStorePassword(v.toCharArray()))),
          key(
              "tls.reload-interval",
              "1m",
              "how often the certificate files are checked for a renewal",
              (b, v) ->
                  b.tls(t -> t.reloadInterval(SettingValues.duration("tls.reload-interval", v)))),
          key(
              "tls.expiry-warning",
              "14d",
              "warn (at start-up and daily) when the certificate expires within this",
              (b, v) ->
                  b.tls(t -> t.expiryWarning(SettingValues.duration("tls.expiry-warning", v)))),
          key(
              "tls.post-quantum",
              "false",
              "offer the hybrid X25519MLKEM768 key exchange first (Bouncy Castle JSSE)",
              (b, v) -> b.tls(t -> t.postQuantum(SettingValues.bool("tls.post-quantum", v)))),
          key(
              "tls.acme.domains",
              "(none)",
              "comma-separated domains: the server obtains and renews their certificate (ACME)",
              (b, v) -> b.tls(t -> t.acme(a -> a.domainList(v)))),
          key(
              "tls.acme.directory",
              "letsencrypt",
              "the ACME CA: letsencrypt, letsencrypt-staging or an https:// directory URL",
              (b, v) -> b.tls(t -> t.acme(a -> a.directory(v)))),
          key(
              "tls.acme.email",
              "(none)",
              "contact address given to the CA (expiry notices)",
              (b, v) -> b.tls(t -> t.acme(a -> a.email(v)))),
          key(
              "tls.acme.accept-terms",
              "false",
              "agree to the CA's terms of service (required, explicitly)",
              (b, v) ->
                  b.tls(
                      t ->
                          t.acme(
                              a -> a.acceptTerms(SettingValues.bool("tls.acme.accept-terms", v))))),
          key(
              "tls.acme.challenge",
              "http-01",
              "http-01 (answered on the HTTP port) or tls-alpn-01 (on the HTTPS port)",
              (b, v) -> b.tls(t -> t.acme(a -> a.challenge(AcmeChallengeType.parse(v))))),
          key(
              "tls.acme.ca-certificate",
              "(the JDK's CAs)",
              "PEM file trusted for the ACME server's own HTTPS (private CAs)",
              (b, v) -> b.tls(t -> t.acme(a -> a.caCertificate(Path.of(v))))),
          key(
              "limits.max-header-bytes",
              "8KiB",
              "request line plus headers, counted as HTTP/1.1 sends them on HTTP/2 too (431 beyond)",
              (b, v) -> b.limits(l -> l.maxRequestHeaderBytes(size("limits.max-header-bytes", v)))),
          key(
              "limits.max-uri-bytes",
              "4KiB",
              "path plus query (414 beyond)",
              (b, v) -> b.limits(l -> l.maxUriBytes(size("limits.max-uri-bytes", v)))),
          key(
              "limits.max-body-bytes",
              "1MiB",
              "request body (413 beyond)",
              (b, v) ->
                  b.limits(l -> l.maxBodyBytes(SettingValues.size("limits.max-body-bytes", v)))),
          key(
              "limits.max-parameters",
              "1000",
              "form fields, query parameters and multipart parts, each (400 beyond)",
              (b, v) ->
                  b.limits(l -> l.maxParameters(SettingValues.count("limits.max-parameters", v)))),
          key(
              "limits.max-part-bytes",
              "1MiB",
              "one multipart part (400 beyond)",
              (b, v) ->
                  b.limits(l -> l.maxPartBytes(SettingValues.size("limits.max-part-bytes", v)))),
          key(
              "limits.header-timeout",
              "10s",
              "time to send a whole request head (slowloris)",
              (b, v) ->
                  b.limits(
                      l -> l.headerTimeout(SettingValues.duration("limits.header-timeout", v)))),
          key(
              "limits.body-timeout",
              "60s",
              "time to send a whole request body (slow POST; 408 beyond)",
              (b, v) ->
                  b.limits(l -> l.bodyTimeout(SettingValues.duration("limits.body-timeout", v)))),
          key(
              "limits.idle-timeout",
              "30s",
              "an idle connection is closed after this",
              (b, v) ->
                  b.limits(l -> l.idleTimeout(SettingValues.duration("limits.idle-timeout", v)))),
          key(
              "limits.max-connections",
              "4096",
              "open connections across both ports",
              (b, v) ->
                  b.limits(
                      l -> l.maxConnections(SettingValues.count("limits.max-connections", v)))),
          key(
              "deps.osv",
              "(none)",
              "OSV data (armet deps update --to DIR): check the running jars at start-up",
              (b, v) -> b.dependencyCheck(Path.of(v), null)),
          key(
              "deps.fail-on",
              "high",
              "with deps.osv: a vulnerable jar at or above this severity is an error",
              (b, v) -> b.dependencyCheck(null, parseSeverity(v))));

  private static SettingKey key(
      String key, String def, String meaning, BiConsumer<ArmetServerConfig.Builder, String> apply) {
    return new SettingKey(key, def, meaning, apply);
  }

  private static int size(String key, String value) {
    long n = SettingValues.size(key, value);
    if (n > Integer.MAX_VALUE) {
      throw SettingValues.bad(key, value, "at most 2GiB");
    }
    return (int) n;
  }

  private static dev.armet.deps.Severity parseSeverity(String value) {
    dev.armet.deps.Severity s = dev.armet.deps.Severity.parse(value);
    if (s == dev.armet.deps.Severity.UNKNOWN) {
      throw SettingValues.bad("deps.fail-on", value, "critical, high, medium, low or none");
    }
    return s;
  }

  /** {@code tls.private-key} → {@code ARMET_TLS_PRIVATE_KEY}. */
  String environmentVariable() {
    return "ARMET_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static SettingKey find(String key) {
    for (SettingKey k : ALL) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}
