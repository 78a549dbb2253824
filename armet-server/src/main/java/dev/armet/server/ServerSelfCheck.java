package dev.armet.server;

import dev.armet.check.Finding;
import dev.armet.check.SelfCheck;
import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.server.acme.AcmeSelfCheck;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server's own start-up checks: TLS, certificate, headers, user and umask, limits. What
 * production refuses is an {@code ERROR}; the same thing in development is a {@code WARNING}.
 */
final class ServerSelfCheck implements SelfCheck {
  static final Duration OCSP_TIMEOUT = Duration.ofSeconds(5);
  private final ArmetServerConfig config;
  private final Clock clock;

  ServerSelfCheck(ArmetServerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public List<Finding> check(ArmetEnvironment env) {
    List<Finding> out = new ArrayList<>();
    TlsConfig tls = config.tls();
    out.add(
        Finding.info(
            "tls",
            "profile "
                + tls.profile()
                + ": "
                + String.join(", ", tls.profile().protocols())
                + "; HTTP/2 over ALPN with HTTP/1.1 fallback; key exchange groups "
                + (tls.postQuantum()
                    ? String.join(", ", PostQuantumTls.GROUPS) + " (Bouncy Castle JSSE)"
                    : "the JDK's (classical only; tls.post-quantum=true adds X25519MLKEM768)")));
    certificate(env, tls, out);
    out.add(negotiatedGroup(tls));
    headers(env, out);
    user(env, out);
    out.add(Finding.info("limits", config.limits().toString()));
    if (env.isProduction() && config.canonicalHost().equals("localhost")) {
      out.add(
          Finding.warning(
              "redirect",
              "server.canonical-host is 'localhost': HTTP redirects send visitors to "
                  + "their own machine",
              "set server.canonical-host to the public host name"));
    }
    return out;
  }

  /** The group a browser negotiates, from an in-memory handshake with the connector's engine. */
  private Finding negotiatedGroup(TlsConfig tls) {
    try {
      ServerCertificate cert =
          tls.hasCertificate() && tls.acme().isEmpty()
              ? ServerCertificate.load(tls)
              : NegotiatedGroupCheck.standIn(clock.instant());
      return NegotiatedGroupCheck.check(tls, cert);
    } catch (IOException e) {
      return Finding.info(
          "tls-groups",
          "could not tell which group a browser negotiates (no usable certificate: "
              + e.getMessage()
              + ")");
    }
  }

  private void certificate(ArmetEnvironment env, TlsConfig tls, List<Finding> out) {
    if (tls.acme().isPresent()) {
      out.addAll(
          AcmeSelfCheck.check(
              tls.acme().get(), config.dataDirectory(), tls.expiryWarning(), clock));
      AcmeSelfCheck.storedCertificate(tls.acme().get(), config.dataDirectory())
          .ifPresent(c -> revocation(c.chain(), tls, out));
      return;
    }
    if (!tls.hasCertificate()) {
      out.add(
          severe(
              env,
              "certificate",
              "no certificate configured: serving the self-signed development "
                  + "certificate for localhost",
              "set tls.certificate and tls.private-key (certbot's fullchain.pem and "
                  + "privkey.pem) or tls.keystore"));
      return;
    }
    ServerCertificate cert;
    try {
      cert = ServerCertificate.load(tls);
    } catch (IOException e) {
      out.add(
          Finding.error(
              "certificate",
              e.getMessage(),
              "check the path, the file's permissions and that "
                  + "the key belongs to the certificate"));
      return;
    }
    X509Certificate leaf = cert.leaf();
    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant now = clock.instant();
    if (cert.isDevelopmentCertificate()) {
      out.add(
          severe(
              env,
              "certificate",
              "the configured certificate is Armet's self-signed development " + "certificate",
              "use a certificate from a public CA (e.g. Let's Encrypt)"));
    } else if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
        && cert.chain().size() == 1) {
      out.add(
          Finding.warning(
              "certificate",
              "the certificate "
                  + leaf.getSubjectX500Principal()
                  + " is self-signed: browsers will refuse it",
              "use a certificate from a public CA (e.g. Let's Encrypt)"));
    }
    if (now.isAfter(notAfter)) {
      out.add(
          Finding.error(
              "certificate", "the certificate expired on " + notAfter, "renew it (certbot renew)"));
    } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
      out.add(
          Finding.error(
              "certificate",
              "the certificate is not valid before " + leaf.getNotBefore().toInstant(),
              "check the system clock or the certificate"));
    } else if (Duration.between(now, notAfter).compareTo(tls.expiryWarning()) < 0) {
      out.add(
          Finding.warning(
              "certificate",
              "the certificate expires on "
                  + notAfter
                  + " ("
                  + Duration.between(now, notAfter).toDays()
                  + " days left)",
              "renew it (certbot renew); the server " + "picks up the new files by itself"));
    } else {
      out.add(
          Finding.info("certificate", leaf.getSubjectX500Principal() + ", expires " + notAfter));
    }
    revocation(cert.chain(), tls, out);
  }

  /**
   * Whether the certificate's OCSP responder says it is revoked (an error: browsers that check
   * refuse it) and whether stapling has anything to staple.
   */
  static void revocation(List<X509Certificate> chain, TlsConfig tls, List<Finding> out) {
    X509Certificate leaf = chain.get(0);
    Optional<String> responder = OcspStapling.responder(leaf);
    if (responder.isEmpty()) {
      out.add(Finding.info("ocsp", "the certificate names no OCSP responder: nothing to staple"));
      return;
    }
    String stapling =
        "stapling the OCSP response of "
            + responder.get()
            + (tls.postQuantum()
                ? " (not verified on Bouncy Castle's JSSE, which tls.post-quantum uses)"
                : "");
    try {
      Optional<OcspCheck.Result> result = OcspCheck.check(chain, OCSP_TIMEOUT);
      if (result.isEmpty()) {
        out.add(Finding.info("ocsp", stapling + "; the chain holds no issuer to ask about"));
      } else if (result.get().status() == OcspCheck.Status.REVOKED) {
        out.add(
            Finding.error(
                "ocsp",
                "the certificate "
                    + leaf.getSubjectX500Principal()
                    + " (serial "
                    + leaf.getSerialNumber().toString(16)
                    + ") was revoked at "
                    + result.get().revokedAt()
                    + " according to "
                    + responder.get(),
                "replace it now: browsers that check revocation refuse it "
                    + "(with tls.acme.*, delete the stored certificate so the server orders a new one)"));
      } else {
        out.add(
            Finding.info(
                "ocsp",
                stapling
                    + "; the responder says "
                    + result.get().status().name().toLowerCase(java.util.Locale.ROOT)));
      }
    } catch (IOException e) {
      out.add(
          Finding.warning(
              "ocsp",
              stapling + ", but the responder did not answer usably: " + e.getMessage(),
              "let the server reach "
                  + responder.get()
                  + " (outbound HTTP), or browsers get no staple"));
    }
  }

  private void headers(ArmetEnvironment env, List<Finding> out) {
    var headers = config.filter().headers();
    if (headers.strictTransportSecurity() == null) {
      out.add(
          severe(
              env,
              "headers",
              "Strict-Transport-Security is off: the first plain-HTTP visit can be "
                  + "intercepted",
              "keep the default HSTS policy in the ArmetFilter"));
    }
    if (headers.contentSecurityPolicy() == null) {
      out.add(
          Finding.warning(
              "headers",
              "Content-Security-Policy is off",
              "keep the default CSP and loosen it " + "by name where the application needs it"));
    }
  }

  private void user(ArmetEnvironment env, List<Finding> out) {
    OptionalInt euid = ProcessCredentials.effectiveUid();
    boolean root = euid.isPresent() && euid.getAsInt() == 0;
    if (config.user() != null) {
      if (!root) {
        out.add(
            Finding.error(
                "user",
                "server.user is '"
                    + config.user()
                    + "' but the process does not run as root, "
                    + "so it cannot switch users",
                "start as root (the ports are bound first), or remove server.user"));
      } else {
        out.add(
            Finding.info(
                "user",
                "binds as root, then runs as "
                    + config.user()
                    + (config.group() == null ? "" : ":" + config.group())));
      }
    } else if (root && config.allowRoot()) {
      out.add(
          Finding.warning(
              "user",
              "runs as root (server.allow-root=true)",
              "set server.user to drop "
                  + "privileges after binding, or run under the example systemd unit in deploy/"));
    } else if (root) {
      out.add(
          severe(
              env,
              "user",
              "runs as root with no user to drop to",
              "set server.user (--user) so the "
                  + "server binds as root and then runs unprivileged, or run it as a dedicated user with "
                  + "CAP_NET_BIND_SERVICE (deploy/armet.service)"));
    }
    OptionalInt umask = ProcessCredentials.umask();
    if (umask.isPresent() && (umask.getAsInt() & 0007) != 0007) {
      out.add(
          Finding.warning(
              "user",
              String.format(
                  "umask %04o lets other users read the files the server "
                      + "writes (data folder, keys)",
                  umask.getAsInt()),
              "set the umask to 0027 or 0077 (systemd: UMask=0027)"));
    }
  }

  private static Finding severe(ArmetEnvironment env, String topic, String message, String fix) {
    return env.isProduction()
        ? Finding.error(topic, message, fix)
        : Finding.warning(topic, message, fix);
  }
}
