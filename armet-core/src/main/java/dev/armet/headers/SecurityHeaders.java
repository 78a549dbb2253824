package dev.armet.headers;

import dev.armet.internal.headers.CspNonce;
import dev.armet.internal.http.PathPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The security response headers: an immutable policy, built once, written on every response.
 *
 * <p>The defaults are byte for byte those of Helmet 8 ({@code Content-Security-Policy}, {@code
 * Cross-Origin-Opener-Policy: same-origin}, {@code Cross-Origin-Resource-Policy: same-origin},
 * {@code Origin-Agent-Cluster: ?1}, {@code Referrer-Policy: no-referrer}, {@code
 * Strict-Transport-Security: max-age=31536000; includeSubDomains}, {@code X-Content-Type-Options:
 * nosniff}, {@code X-DNS-Prefetch-Control: off}, {@code X-Download-Options: noopen}, {@code
 * X-Frame-Options: SAMEORIGIN}, {@code X-Permitted-Cross-Domain-Policies: none}, {@code
 * X-XSS-Protection: 0}) plus a {@link PermissionsPolicy} that turns off unused powerful features.
 *
 * <p>{@code Strict-Transport-Security} is written on secure requests only (RFC 6797 §7.2). {@code
 * Public-Key-Pins} and {@code Expect-CT} are deliberately never emitted: HPKP was removed from
 * browsers and could lock users out of a site; Expect-CT is obsolete now that Certificate
 * Transparency is enforced for every publicly trusted certificate.
 *
 * <pre>{@code
 * SecurityHeaders headers = SecurityHeaders.create(h -> h
 *     .contentSecurityPolicy(csp -> csp.nonce("script-src").reportUri("/_armet/csp-report"))
 *     .frameOptions(FrameOptions.DENY)
 *     .noStore("/account/*"));
 * }</pre>
 */
public final class SecurityHeaders {
  public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
  public static final String CONTENT_SECURITY_POLICY_REPORT_ONLY =
      "Content-Security-Policy-Report-Only";
  public static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";
  public static final String CROSS_ORIGIN_OPENER_POLICY = "Cross-Origin-Opener-Policy";
  public static final String CROSS_ORIGIN_RESOURCE_POLICY = "Cross-Origin-Resource-Policy";
  public static final String CROSS_ORIGIN_EMBEDDER_POLICY = "Cross-Origin-Embedder-Policy";
  public static final String ORIGIN_AGENT_CLUSTER = "Origin-Agent-Cluster";
  public static final String REFERRER_POLICY = "Referrer-Policy";
  public static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
  public static final String X_DNS_PREFETCH_CONTROL = "X-DNS-Prefetch-Control";
  public static final String X_DOWNLOAD_OPTIONS = "X-Download-Options";
  public static final String X_FRAME_OPTIONS = "X-Frame-Options";
  public static final String X_PERMITTED_CROSS_DOMAIN_POLICIES =
      "X-Permitted-Cross-Domain-Policies";
  public static final String X_XSS_PROTECTION = "X-XSS-Protection";
  public static final String PERMISSIONS_POLICY = "Permissions-Policy";
  public static final String REPORTING_ENDPOINTS = "Reporting-Endpoints";
  public static final String CACHE_CONTROL = "Cache-Control";
  public static final String CLEAR_SITE_DATA = "Clear-Site-Data";

  /** {@code Cache-Control} for responses the application marks sensitive. */
  public static final String NO_STORE = "no-store, max-age=0";

  /** {@code Clear-Site-Data} for logout responses (honoured on secure origins only). */
  public static final String CLEAR_ALL = "\"cache\", \"cookies\", \"storage\"";

  private static final SecurityHeaders DEFAULTS = builder().build();

  private final @Nullable ContentSecurityPolicy csp;
  private final @Nullable ContentSecurityPolicy cspReportOnly;
  private final @Nullable StrictTransportSecurity hsts;
  private final String[] names;
  private final String[] values;
  private final List<PathPattern> noStore;
  private final List<PathPattern> clearSiteData;

  private SecurityHeaders(Builder b) {
    this.csp = b.csp;
    this.cspReportOnly = b.cspReportOnly;
    this.hsts = b.hsts;
    this.names = b.headers.keySet().toArray(new String[0]);
    this.values = b.headers.values().toArray(new String[0]);
    this.noStore = List.copyOf(b.noStore);
    this.clearSiteData = List.copyOf(b.clearSiteData);
  }

  /** Helmet 8's defaults plus the default {@link PermissionsPolicy}. */
  public static SecurityHeaders defaults() {
    return DEFAULTS;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults, adjusted by {@code config}. */
  public static SecurityHeaders create(Consumer<Builder> config) {
    Builder b = builder();
    config.accept(b);
    return b.build();
  }

  /** The enforced CSP, or null when off. */
  public @Nullable ContentSecurityPolicy contentSecurityPolicy() {
    return csp;
  }

  /** The report-only CSP, or null when off. */
  public @Nullable ContentSecurityPolicy contentSecurityPolicyReportOnly() {
    return cspReportOnly;
  }

  /** HSTS, or null when off. */
  public @Nullable StrictTransportSecurity strictTransportSecurity() {
    return hsts;
  }

  /** Whether a response needs a fresh {@link CspNonce}. */
  public boolean usesNonce() {
    return (csp != null && csp.usesNonce()) || (cspReportOnly != null && cspReportOnly.usesNonce());
  }

  /**
   * Writes the headers for one response.
   *
   * @param out where to write
   * @param secure whether the request came over HTTPS (directly or via a trusted proxy)
   * @param path the request path, for the path-scoped headers ({@link Builder#noStore})
   * @param nonce this response's CSP nonce; required when {@link #usesNonce()}
   */
  public void write(HeaderWriter out, boolean secure, String path, @Nullable String nonce) {
    if (csp != null) {
      out.set(CONTENT_SECURITY_POLICY, csp.render(nonce));
    }
    if (cspReportOnly != null) {
      out.set(CONTENT_SECURITY_POLICY_REPORT_ONLY, cspReportOnly.render(nonce));
    }
    for (int i = 0; i < names.length; i++) {
      out.set(names[i], values[i]);
    }
    if (secure && hsts != null) {
      out.set(STRICT_TRANSPORT_SECURITY, hsts.toString());
    }
    writePathScoped(out, path);
  }

  private void writePathScoped(HeaderWriter out, String path) {
    if (!noStore.isEmpty() && PathPattern.anyMatches(noStore, path)) {
      out.set(CACHE_CONTROL, NO_STORE);
    }
    if (!clearSiteData.isEmpty() && PathPattern.anyMatches(clearSiteData, path)) {
      out.set(CLEAR_SITE_DATA, CLEAR_ALL);
    }
  }

  /**
   * The headers that are the same on every response of one kind: the fixed headers, the CSP and
   * report-only CSP when they use no nonce, and HSTS when {@code secure}. An adapter that can send
   * these more cheaply than one by one (pre-encoded once, as in a Jetty handler) writes them, and
   * {@link #writePerRequest} the rest; together the two write what {@link #write} writes.
   *
   * @param secure whether the request came over HTTPS (HSTS is sent on secure requests only, RFC
   *     6797 §7.2)
   */
  public Map<String, String> constantHeaders(boolean secure) {
    Map<String, String> out = new LinkedHashMap<>();
    if (csp != null && !csp.usesNonce()) {
      out.put(CONTENT_SECURITY_POLICY, csp.render(null));
    }
    if (cspReportOnly != null && !cspReportOnly.usesNonce()) {
      out.put(CONTENT_SECURITY_POLICY_REPORT_ONLY, cspReportOnly.render(null));
    }
    out.putAll(fixedHeaders());
    if (secure && hsts != null) {
      out.put(STRICT_TRANSPORT_SECURITY, hsts.toString());
    }
    return out;
  }

  /**
   * Writes only what {@link #constantHeaders} leaves out: a CSP with this response's nonce and the
   * path-scoped {@code Cache-Control} and {@code Clear-Site-Data}. Call it after the constant
   * headers are on the response; a {@link HeaderWriter} replaces, so a path-scoped value wins.
   *
   * @param path the request path, for the path-scoped headers
   * @param nonce this response's CSP nonce; required when {@link #usesNonce()}
   */
  public void writePerRequest(HeaderWriter out, String path, @Nullable String nonce) {
    if (csp != null && csp.usesNonce()) {
      out.set(CONTENT_SECURITY_POLICY, csp.render(nonce));
    }
    if (cspReportOnly != null && cspReportOnly.usesNonce()) {
      out.set(CONTENT_SECURITY_POLICY_REPORT_ONLY, cspReportOnly.render(nonce));
    }
    writePathScoped(out, path);
  }

  /** The fixed headers (all but CSP, HSTS and the path-scoped ones), in order. */
  public Map<String, String> fixedHeaders() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      out.put(names[i], values[i]);
    }
    return out;
  }

  /** A builder holding this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.headers.clear();
    b.headers.putAll(fixedHeaders());
    b.csp = csp;
    b.cspReportOnly = cspReportOnly;
    b.hsts = hsts;
    b.noStore.addAll(noStore);
    b.clearSiteData.addAll(clearSiteData);
    return b;
  }

  /**
   * Builds {@link SecurityHeaders}; starts from the defaults. A {@code null} argument to a typed
   * setter turns that header off.
   */
  public static final class Builder {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> reportingEndpoints = new LinkedHashMap<>();
    private @Nullable ContentSecurityPolicy csp = ContentSecurityPolicy.defaults();
    private @Nullable ContentSecurityPolicy cspReportOnly;
    private @Nullable StrictTransportSecurity hsts = StrictTransportSecurity.defaults();
    private final List<PathPattern> noStore = new ArrayList<>();
    private final List<PathPattern> clearSiteData = new ArrayList<>();

    private Builder() {
      headers.put(CROSS_ORIGIN_OPENER_POLICY, "same-origin");
      headers.put(CROSS_ORIGIN_RESOURCE_POLICY, "same-origin");
      headers.put(ORIGIN_AGENT_CLUSTER, "?1");
      headers.put(REFERRER_POLICY, "no-referrer");
      headers.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
      headers.put(X_DNS_PREFETCH_CONTROL, "off");
      headers.put(X_DOWNLOAD_OPTIONS, "noopen");
      headers.put(X_FRAME_OPTIONS, "SAMEORIGIN");
      headers.put(X_PERMITTED_CROSS_DOMAIN_POLICIES, "none");
      headers.put(X_XSS_PROTECTION, "0");
      headers.put(PERMISSIONS_POLICY, PermissionsPolicy.defaults().toString());
    }

    /** The enforced CSP; null turns it off. */
    public Builder contentSecurityPolicy(ContentSecurityPolicy policy) {
      this.csp = policy;
      return this;
    }

    /** Adjusts the enforced CSP (starting from the current one, or the defaults if off). */
    public Builder contentSecurityPolicy(Consumer<ContentSecurityPolicy.Builder> config) {
      ContentSecurityPolicy.Builder b =
          (csp == null ? ContentSecurityPolicy.defaults() : csp).toBuilder();
      config.accept(b);
      this.csp = b.build();
      return this;
    }

    /**
     * A report-only CSP, alone or beside the enforced one: the browser reports what it would block
     * without blocking, so a stricter policy can be tried while the old one holds.
     */
    public Builder contentSecurityPolicyReportOnly(ContentSecurityPolicy policy) {
      this.cspReportOnly = policy;
      return this;
    }

    /** HSTS; null turns it off. */
    public Builder strictTransportSecurity(StrictTransportSecurity policy) {
      this.hsts = policy;
      return this;
    }

    public Builder crossOriginOpenerPolicy(CrossOriginOpenerPolicy value) {
      return put(CROSS_ORIGIN_OPENER_POLICY, value);
    }

    public Builder crossOriginResourcePolicy(CrossOriginResourcePolicy value) {
      return put(CROSS_ORIGIN_RESOURCE_POLICY, value);
    }

    /** Off by default; {@code require-corp} or {@code credentialless} to opt in. */
    public Builder crossOriginEmbedderPolicy(CrossOriginEmbedderPolicy value) {
      return put(CROSS_ORIGIN_EMBEDDER_POLICY, value);
    }

    public Builder originAgentCluster(boolean on) {
      return put(ORIGIN_AGENT_CLUSTER, on ? "?1" : null);
    }

    /** One policy, or several as fallbacks for old browsers (the last one they know wins). */
    public Builder referrerPolicy(ReferrerPolicy... policies) {
      if (policies == null || policies.length == 0) {
        return put(REFERRER_POLICY, null);
      }
      StringBuilder v = new StringBuilder();
      for (ReferrerPolicy p : policies) {
        if (v.length() > 0) {
          v.append(',');
        }
        v.append(Objects.requireNonNull(p, "referrer policy"));
      }
      return put(REFERRER_POLICY, v.toString());
    }

    public Builder contentTypeOptions(boolean nosniff) {
      return put(X_CONTENT_TYPE_OPTIONS, nosniff ? "nosniff" : null);
    }

    /** {@code X-DNS-Prefetch-Control: off} by default; true sends {@code on}. */
    public Builder dnsPrefetch(boolean allow) {
      return put(X_DNS_PREFETCH_CONTROL, allow ? "on" : "off");
    }

    public Builder downloadOptions(boolean noopen) {
      return put(X_DOWNLOAD_OPTIONS, noopen ? "noopen" : null);
    }

    public Builder frameOptions(FrameOptions value) {
      return put(X_FRAME_OPTIONS, value);
    }

    /** {@code none} (default), {@code master-only}, {@code by-content-type} or {@code all}. */
    public Builder permittedCrossDomainPolicies(String value) {
      if (value != null
          && !List.of("none", "master-only", "by-content-type", "all").contains(value)) {
        throw new IllegalArgumentException(
            "X-Permitted-Cross-Domain-Policies must be none, "
                + "master-only, by-content-type or all, was "
                + HeaderValues.printable(value));
      }
      return put(X_PERMITTED_CROSS_DOMAIN_POLICIES, value);
    }

    /**
     * {@code X-XSS-Protection: 0} by default: the legacy XSS auditor created XS-leaks and was
     * removed from browsers, so the safe setting is to disable it explicitly.
     */
    public Builder xssProtection(boolean sendZero) {
      return put(X_XSS_PROTECTION, sendZero ? "0" : null);
    }

    public Builder permissionsPolicy(PermissionsPolicy policy) {
      return put(PERMISSIONS_POLICY, policy);
    }

    /** Adjusts the Permissions-Policy, starting from the defaults. */
    public Builder permissionsPolicy(Consumer<PermissionsPolicy.Builder> config) {
      return put(PERMISSIONS_POLICY, PermissionsPolicy.create(config));
    }

    /**
     * Declares a Reporting API endpoint ({@code Reporting-Endpoints: name="url"}), for use with
     * CSP's {@code report-to name}.
     */
    public Builder reportingEndpoint(String name, String url) {
      if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
        throw new IllegalArgumentException(
            "Reporting-Endpoints name must be a lower-case token, was "
                + (name == null ? "null" : HeaderValues.printable(name)));
      }
      HeaderValues.check("Reporting-Endpoints url for " + name, url, "\",; ");
      reportingEndpoints.put(name, url);
      return this;
    }

    /** Sends {@code Cache-Control: no-store} on paths the application marks sensitive. */
    public Builder noStore(String... pathPatterns) {
      noStore.addAll(PathPattern.all(pathPatterns));
      return this;
    }

    /** Sends {@code Clear-Site-Data} on these paths (a logout route, typically). */
    public Builder clearSiteData(String... pathPatterns) {
      clearSiteData.addAll(PathPattern.all(pathPatterns));
      return this;
    }

    /** Sets any other header on every response; the value is validated. */
    public Builder header(String name, String value) {
      String canonical = HeaderValues.checkName(name);
      refuseObsolete(canonical);
      if (canonical.equalsIgnoreCase(CONTENT_SECURITY_POLICY)
          || canonical.equalsIgnoreCase(STRICT_TRANSPORT_SECURITY)) {
        throw new IllegalArgumentException(
            canonical + " is configured through its own builder method");
      }
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(canonical));
      headers.put(canonical, HeaderValues.check(canonical, value, ""));
      return this;
    }

    /** Turns a header off, by name (case-insensitive). */
    public Builder disable(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-security-policy")) {
        csp = null;
      } else if (lower.equals("content-security-policy-report-only")) {
        cspReportOnly = null;
      } else if (lower.equals("strict-transport-security")) {
        hsts = null;
      } else if (!headers.keySet().removeIf(k -> k.equalsIgnoreCase(name))) {
        throw new IllegalArgumentException(
            "no header named "
                + HeaderValues.printable(name)
                + " to disable; the policy has "
                + headers.keySet());
      }
      return this;
    }

    public SecurityHeaders build() {
      if (!reportingEndpoints.isEmpty()) {
        StringBuilder v = new StringBuilder();
        reportingEndpoints.forEach(
            (n, u) ->
                v.append(v.length() > 0 ? ", " : "").append(n).append("=\"").append(u).append('"'));
        headers.put(REPORTING_ENDPOINTS, v.toString());
      }
      return new SecurityHeaders(this);
    }

    private Builder put(String name, @Nullable Object value) {
      if (value == null) {
        headers.remove(name);
      } else {
        headers.put(name, value.toString());
      }
      return this;
    }

    private static void refuseObsolete(String name) {
      if (name.equalsIgnoreCase("Public-Key-Pins")
          || name.equalsIgnoreCase("Public-Key-Pins-Report-Only")) {
        throw new IllegalArgumentException(
            name
                + " (HPKP) is not supported: browsers removed it, "
                + "and a wrong pin locks users out of the site for max-age");
      }
      if (name.equalsIgnoreCase("Expect-CT")) {
        throw new IllegalArgumentException(
            "Expect-CT is obsolete: Certificate Transparency is "
                + "enforced for every publicly trusted certificate");
      }
    }
  }
}
