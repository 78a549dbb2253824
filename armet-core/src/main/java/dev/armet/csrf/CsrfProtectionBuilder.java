package dev.armet.csrf;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.SecurityEventSink;
import dev.armet.http.Origin;
import dev.armet.internal.http.PathPattern;
import dev.armet.keys.Keyring;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures {@link CsrfProtection}; everything is checked in {@link #build()}. Defaults: every
 * layer {@link Enforcement#ENFORCE}d, {@code same-site} requests refused, no extra origins, {@link
 * CsrfMode#SYNCHRONIZER}, field {@code _csrf}, header {@code X-CSRF-Token}, no readable cookie,
 * tokens in the query string refused, bearer-only requests exempt, no exempt paths, keys from
 * {@code ARMET_SECRETS}, environment from {@code ARMET_ENV}, events to the {@code armet.security}
 * logger.
 */
public final class CsrfProtectionBuilder {
  CsrfMode mode = CsrfMode.SYNCHRONIZER;
  Enforcement fetchMetadata = Enforcement.ENFORCE;
  Enforcement origin = Enforcement.ENFORCE;
  Enforcement token = Enforcement.ENFORCE;
  boolean allowSameSite;
  final List<Origin> allowedOrigins = new ArrayList<>();
  String parameterName = "_csrf";
  String headerName = "X-CSRF-Token";
  @Nullable String readableCookie;
  boolean allowTokenInQuery;
  final List<PathPattern> exemptPaths = new ArrayList<>();
  boolean exemptBearer = true;
  @Nullable Keyring keyring;
  @Nullable ProductionGate gate;
  SecurityEventSink events = SecurityEventSink.logging();

  CsrfProtectionBuilder() {}

  public CsrfProtectionBuilder mode(CsrfMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Layer 1, {@code Sec-Fetch-Site}. */
  public CsrfProtectionBuilder fetchMetadata(Enforcement enforcement) {
    this.fetchMetadata = Objects.requireNonNull(enforcement, "fetchMetadata");
    return this;
  }

  /** Layer 2, {@code Origin} and {@code Referer}. */
  public CsrfProtectionBuilder origin(Enforcement enforcement) {
    this.origin = Objects.requireNonNull(enforcement, "origin");
    return this;
  }

  /** Layer 3, the token. */
  public CsrfProtectionBuilder token(Enforcement enforcement) {
    this.token = Objects.requireNonNull(enforcement, "token");
    return this;
  }

  /** Every layer report-only: the safe first step on a live application. */
  public CsrfProtectionBuilder reportOnly() {
    return fetchMetadata(Enforcement.REPORT_ONLY)
        .origin(Enforcement.REPORT_ONLY)
        .token(Enforcement.REPORT_ONLY);
  }

  /** Lets {@code Sec-Fetch-Site: same-site} through layer 1 (sibling subdomains post to us). */
  public CsrfProtectionBuilder allowSameSite(boolean allow) {
    this.allowSameSite = allow;
    return this;
  }

  /**
   * Origins besides this server's own that may send unsafe requests, e.g. {@code
   * https://admin.example.com}. Such an origin also passes layer 1.
   *
   * @throws IllegalArgumentException naming a value that is not {@code scheme://host[:port]}
   */
  public CsrfProtectionBuilder allowOrigins(String... origins) {
    for (String o : origins) {
      allowedOrigins.add(Origin.parse(o));
    }
    return this;
  }

  /** The form field tokens are read from (default {@code _csrf}). */
  public CsrfProtectionBuilder parameterName(String name) {
    this.parameterName = name;
    return this;
  }

  /** The header tokens are read from (default {@code X-CSRF-Token}). */
  public CsrfProtectionBuilder headerName(String name) {
    this.headerName = name;
    return this;
  }

  /**
   * For single-page apps: also hand the token out in a cookie script can read (not HttpOnly), for
   * the app to echo in the header. Renewed whenever it no longer verifies.
   */
  public CsrfProtectionBuilder readableCookie(String name) {
    this.readableCookie = name;
    return this;
  }

  /**
   * Angular's and axios' built-in names: cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}.
   */
  public CsrfProtectionBuilder angularConvention() {
    return readableCookie("XSRF-TOKEN").headerName("X-XSRF-TOKEN");
  }

  /** Accepts tokens in the query string (refused by default: URLs leak into logs and Referer). */
  public CsrfProtectionBuilder allowTokenInQuery(boolean allow) {
    this.allowTokenInQuery = allow;
    return this;
  }

  /** Paths that skip every layer, e.g. {@code /webhooks/*} authenticated by signature. */
  public CsrfProtectionBuilder exempt(String... pathPatterns) {
    exemptPaths.addAll(PathPattern.all(pathPatterns));
    return this;
  }

  /**
   * Whether {@code Authorization: Bearer} requests with no cookies skip every layer (default on).
   */
  public CsrfProtectionBuilder exemptBearerWithoutCookies(boolean exempt) {
    this.exemptBearer = exempt;
    return this;
  }

  public CsrfProtectionBuilder keyring(Keyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    return this;
  }

  /**
   * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
   * gate(ProductionGate.of(environment))}.
   */
  public CsrfProtectionBuilder environment(ArmetEnvironment environment) {
    return gate(ProductionGate.of(Objects.requireNonNull(environment, "environment")));
  }

  /**
   * The {@link ProductionGate} that decides what this configuration may use (default: one for
   * {@code ARMET_ENV}); a recording gate lets {@code armet doctor} list the findings.
   */
  public CsrfProtectionBuilder gate(ProductionGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
    return this;
  }

  public CsrfProtectionBuilder events(SecurityEventSink events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  /**
   * Checks the configuration and returns the immutable protection.
   *
   * @throws IllegalArgumentException naming the setting, the bad value and the fix
   * @throws IllegalStateException in production, for a keyring that is not production-ready
   */
  public CsrfProtection build() {
    checkName("parameterName", parameterName);
    checkName("headerName", headerName);
    if (fetchMetadata == Enforcement.OFF && origin == Enforcement.OFF && token == Enforcement.OFF) {
      throw new IllegalArgumentException(
          "csrf: every layer is OFF, which protects nothing; enable"
              + " at least one layer, or use reportOnly() to observe first");
    }
    if (token == Enforcement.OFF && origin == Enforcement.OFF) {
      // Fetch Metadata alone leaves every browser that does not send it unprotected.
      throw new IllegalArgumentException(
          "csrf: with token and origin OFF, browsers without"
              + " Fetch Metadata are unprotected; enable origin(…) or token(…)");
    }
    ProductionGate productionGate = gate != null ? gate : ProductionGate.of(null);
    ArmetEnvironment env = productionGate.environment();
    Keyring ring = productionGate.keyring("csrf.keyring", keyring);
    if (readableCookie != null) {
      checkName("readableCookie", readableCookie);
      if (readableCookie.equalsIgnoreCase("csrf")
          || readableCookie.equalsIgnoreCase("__Host-csrf")) {
        throw new IllegalArgumentException(
            "readableCookie must not be '"
                + readableCookie
                + "', the name of Armet's HttpOnly CSRF cookie; use e.g. XSRF-TOKEN");
      }
    }
    CsrfCookies cookies = new CsrfCookies(env.isProduction(), readableCookie, ring.signer("csrf"));
    return new CsrfProtection(this, cookies);
  }

  private static void checkName(String setting, String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > 64
        || !value
            .chars()
            .allMatch(
                c ->
                    (c >= 'A' && c <= 'Z')
                        || (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9')
                        || c == '-'
                        || c == '_'
                        || c == '.')) {
      throw new IllegalArgumentException(
          setting
              + " must be 1-64 letters, digits, '-', '_' or"
              + " '.', was "
              + (value == null ? "null" : "'" + value + "'"));
    }
  }
}
