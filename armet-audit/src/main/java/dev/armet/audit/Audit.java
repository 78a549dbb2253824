package dev.armet.audit;

import dev.armet.audit.internal.AuditRun;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Audits one live site: headers with an MDN-Observatory-compatible score, cookies, redirects and
 * HSTS, leakage, CORS, rate-limit headers and TLS, each finding with a fix for the stack the
 * responses reveal.
 *
 * <pre>{@code
 * Report r = Audit.of(URI.create("https://staging.example:8443"), AuditOptions.defaults()).run();
 * assert Grade.atLeast(r.grade(), "A");
 * }</pre>
 *
 * <p>Polite and bounded: at most {@link AuditOptions#maxRequests()} HTTP requests (TLS probe
 * handshakes carry no request), nothing that changes server state unless a probe is opted in, a
 * User-Agent naming Armet. A certificate that fails validation is a finding, not an error: the
 * audit continues over a connection that accepts the chain, for the rest of its checks only.
 *
 * <p>TLS 1.0/1.1 and legacy suites can be probed only when the JVM's {@code
 * jdk.tls.disabledAlgorithms} allows them; the library never changes security properties (the
 * {@code armet audit} command sets them for its own JVM). What could not be probed is said.
 */
public final class Audit {
  private final URI target;
  private final AuditOptions options;

  private Audit(URI target, AuditOptions options) {
    this.target = target;
    this.options = options;
  }

  /**
   * An audit of {@code target}: {@code https://host[:port]/path}, {@code http://…}, or a bare
   * {@code host:port} (then https is tried and http too, as the Observatory does).
   *
   * @throws IllegalArgumentException for a URL with another scheme, user info, or no host
   */
  public static Audit of(URI target, AuditOptions options) {
    Objects.requireNonNull(options, "options");
    return new Audit(normalise(Objects.requireNonNull(target, "target")), options);
  }

  /** As {@link #of(URI, AuditOptions)} for a URL as a person types it. */
  public static Audit of(String target, AuditOptions options) {
    String t = target == null ? "" : target.trim();
    if (!t.contains("://")) {
      t = "https://" + t;
    }
    try {
      return of(URI.create(t), options);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: '" + target + "' (" + e.getMessage() + ")", e);
    }
  }

  private static URI normalise(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL must be http or https, was '" + u + "'");
    }
    if (u.getHost() == null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("URL needs a host and no user info, was '" + u + "'");
    }
    return u;
  }

  public URI target() {
    return target;
  }

  /**
   * Runs the audit.
   *
   * @throws UnreachableTargetException when neither http nor https answered
   */
  public Report run() throws UnreachableTargetException {
    return new AuditRun(target, options).run();
  }
}
