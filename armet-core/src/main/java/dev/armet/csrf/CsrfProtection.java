package dev.armet.csrf;

import dev.armet.cookie.RequestCookies;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.csrf.CsrfTokens;
import dev.armet.internal.http.PathPattern;
import dev.armet.session.Session;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Cross-site request forgery protection in layers, as the OWASP CSRF Prevention Cheat Sheet
 * recommends. Safe methods (GET, HEAD, OPTIONS, TRACE) always pass; any other method must pass
 * every enabled layer, in order:
 *
 * <ol>
 *   <li><b>Fetch Metadata</b>: {@code Sec-Fetch-Site: cross-site} is refused, {@code same-site} too
 *       unless {@link CsrfProtectionBuilder#allowSameSite}; an {@code Origin} on the allow-list
 *       skips this layer (as Go's {@code CrossOriginProtection} does).
 *   <li><b>Origin</b>: {@code Origin}, else {@code Referer}, must be this server's own origin or an
 *       allowed one, compared exactly; {@code Origin: null} is refused; with neither header the
 *       token decides.
 *   <li><b>Token</b>: {@code X-CSRF-Token} header or {@code _csrf} form field, masked afresh per
 *       response, verified in constant time against the secret of this client ({@link CsrfMode}).
 *       Tokens in the query string are refused.
 * </ol>
 *
 * <p>Exempt, by explicit configuration only: paths such as self-authenticating webhooks, and
 * requests with {@code Authorization: Bearer} and no cookies at all (nothing ambient to forge; on
 * by default). No exemption applies to a request that sends the session cookie. Every refusal (and,
 * per {@link Enforcement#REPORT_ONLY} layer, every would-be refusal) is a security event. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * CsrfProtection csrf = CsrfProtection.create(c -> c
 *     .exempt("/webhooks/*")
 *     .angularConvention());          // XSRF-TOKEN cookie, X-XSRF-TOKEN header
 * CsrfDecision d = csrf.check(request, response);
 * }</pre>
 */
public final class CsrfProtection {
  static {
    CsrfTokens.register((p, request, response) -> p.allowedToken(request, response));
  }

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final CsrfMode mode;
  private final Enforcement fetchMetadata;
  private final Enforcement origin;
  private final Enforcement token;
  private final boolean allowSameSite;
  private final OriginCheck origins;
  private final String parameterName;
  private final String headerName;
  private final boolean allowTokenInQuery;
  private final List<PathPattern> exemptPaths;
  private final boolean exemptBearer;
  private final CsrfCookies cookies;
  private final SecurityEventSink events;
  private final String vary;

  CsrfProtection(CsrfProtectionBuilder b, CsrfCookies cookies) {
    this.mode = b.mode;
    this.fetchMetadata = b.fetchMetadata;
    this.origin = b.origin;
    this.token = b.token;
    this.allowSameSite = b.allowSameSite;
    this.origins = new OriginCheck(Set.copyOf(b.allowedOrigins));
    this.parameterName = b.parameterName;
    this.headerName = b.headerName;
    this.allowTokenInQuery = b.allowTokenInQuery;
    this.exemptPaths = List.copyOf(b.exemptPaths);
    this.exemptBearer = b.exemptBearer;
    this.cookies = cookies;
    this.events = EventGate.gated(b.events); // request-triggered: one gate, bounded
    StringBuilder v = new StringBuilder();
    if (fetchMetadata != Enforcement.OFF) {
      v.append("Sec-Fetch-Site");
    }
    if (origin != Enforcement.OFF) {
      v.append(v.length() > 0 ? ", " : "").append("Origin, Referer");
    }
    if (token != Enforcement.OFF) {
      v.append(v.length() > 0 ? ", " : "").append("Cookie");
    }
    this.vary = v.toString();
  }

  /** Every default: all layers enforced, synchronizer tokens, keys from {@code ARMET_SECRETS}. */
  public static CsrfProtection defaults() {
    return builder().build();
  }

  public static CsrfProtectionBuilder builder() {
    return new CsrfProtectionBuilder();
  }

  public static CsrfProtection create(Consumer<CsrfProtectionBuilder> config) {
    CsrfProtectionBuilder b = builder();
    config.accept(b);
    return b.build();
  }

  /**
   * Decides one request before the application sees it. An allowed decision carries the token for
   * the page; for single-page apps the readable cookie is written too. Only for methods other than
   * GET, HEAD, OPTIONS and TRACE does the answer depend on the request's {@code Sec-Fetch-Site},
   * {@code Origin}, {@code Referer} and cookies, and only then is {@code Vary} naming them added.
   */
  public CsrfDecision check(CsrfRequest request, CsrfResponse response) {
    Object outcome = decide(request, response);
    return outcome instanceof CsrfToken
        ? CsrfDecision.allowed((CsrfToken) outcome)
        : CsrfDecision.refused((Refusal) outcome);
  }

  /** {@link #check}'s token, or null when refused ({@link CsrfTokens}). */
  private @Nullable CsrfToken allowedToken(CsrfRequest request, CsrfResponse response) {
    Object outcome = decide(request, response);
    return outcome instanceof CsrfToken ? (CsrfToken) outcome : null;
  }

  /** {@link #check}: the {@link CsrfToken} when allowed, else the {@link Refusal}. */
  private Object decide(CsrfRequest request, CsrfResponse response) {
    boolean unsafe = !SAFE_METHODS.contains(request.method());
    if (unsafe && !vary.isEmpty()) {
      response.addHeader("Vary", vary);
    }
    RequestCookies sent = request.cookies();
    if (unsafe && exempt(request, sent)) {
      return token(request, response);
    }
    RequestSecrets secrets = new RequestSecrets(this, request, response);
    if (unsafe) {
      Refusal refusal = evaluate(request, secrets);
      if (refusal != null) {
        return refusal;
      }
    }
    if (cookies.hasReadable()) {
      secrets.offerReadableCookie(sent);
    }
    return new CsrfToken(secrets);
  }

  /** The parameter name tokens are read from. */
  public String parameterName() {
    return parameterName;
  }

  /** The header name tokens are read from. */
  public String headerName() {
    return headerName;
  }

  CsrfMode mode() {
    return mode;
  }

  CsrfCookies cookies() {
    return cookies;
  }

  private CsrfToken token(CsrfRequest request, CsrfResponse response) {
    return new CsrfToken(new RequestSecrets(this, request, response));
  }

  private boolean exempt(CsrfRequest request, RequestCookies sent) {
    Session session = request.session().orElse(null);
    if (session != null && sent.first(session.cookie().name()).isPresent()) {
      return false; // a logged-in browser is exactly what an attacker's page would ride on
    }
    if (exemptBearer && sent.size() == 0 && isBearer(request.header("Authorization"))) {
      return true;
    }
    return PathPattern.anyMatches(exemptPaths, request.path());
  }

  private static @Nullable String trimmed(@Nullable String value) {
    return value == null ? null : value.trim();
  }

  private static boolean isBearer(@Nullable String authorization) {
    return authorization != null
        && authorization.length() > 7
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private @Nullable Refusal evaluate(CsrfRequest request, RequestSecrets secrets) {
    String originHeader = request.header("Origin");
    if (fetchMetadata != Enforcement.OFF && !origins.allowListed(originHeader)) {
      Refusal r = FetchMetadataCheck.check(request.header("Sec-Fetch-Site"), allowSameSite);
      if (r != null && enforced(r, fetchMetadata, request)) {
        return r;
      }
    }
    if (origin != Enforcement.OFF) {
      // Under Referrer-Policy: no-referrer (Helmet's default) browsers send "Origin: null" on
      // their own same-origin form posts; a Sec-Fetch-Site: same-origin, which no page can
      // forge, vouches for those. Without Fetch Metadata, "null" stays refused.
      boolean vouched =
          fetchMetadata != Enforcement.OFF
              && originHeader != null
              && originHeader.trim().equals("null")
              && "same-origin".equals(trimmed(request.header("Sec-Fetch-Site")));
      Refusal r =
          vouched
              ? null
              : origins.check(originHeader, request.header("Referer"), request.serverOrigin());
      if (r != null && enforced(r, origin, request)) {
        return r;
      }
    }
    if (token != Enforcement.OFF) {
      Refusal r = checkToken(request, secrets);
      if (r != null && enforced(r, token, request)) {
        return r;
      }
    }
    return null;
  }

  private @Nullable Refusal checkToken(CsrfRequest request, RequestSecrets secrets) {
    if (!allowTokenInQuery && QueryTokens.contains(request.queryString(), parameterName)) {
      return Refusal.TOKEN_IN_QUERY;
    }
    String submitted = request.header(headerName);
    if (submitted == null) {
      submitted = request.formField(parameterName); // JSON and other bodies are never read
    }
    if (submitted == null || submitted.isEmpty()) {
      return Refusal.TOKEN_MISSING;
    }
    return TokenMasking.matches(submitted.trim(), secrets.expected())
        ? null
        : Refusal.TOKEN_INVALID;
  }

  /** Records the refusal; true if the layer enforces it. */
  private boolean enforced(Refusal refusal, Enforcement enforcement, CsrfRequest request) {
    boolean enforce = enforcement == Enforcement.ENFORCE;
    events.record(
        SecurityEvent.of("malicious_csrf")
            .with("disposition", enforce ? "refused" : "report_only")
            .with("reason", refusal.code)
            .with("layer", refusal.layer)
            .with("method", request.method())
            .with("path", request.path())
            .with("origin", request.header("Origin"))
            .with("secFetchSite", request.header("Sec-Fetch-Site")));
    return enforce;
  }

  @Override
  public String toString() {
    return "CsrfProtection[mode="
        + mode.name().toLowerCase(Locale.ROOT)
        + ", fetchMetadata="
        + fetchMetadata
        + ", origin="
        + origin
        + ", token="
        + token
        + "]";
  }
}
