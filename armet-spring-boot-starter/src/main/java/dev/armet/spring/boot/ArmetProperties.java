package dev.armet.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code armet.*} properties. With none set, every control has Armet's secure default: Helmet's
 * headers, server sessions in memory, CSRF protection and (beside Spring Security) the login
 * throttle. {@code armet.env=production} (or {@code ARMET_ENV=production}) makes unsafe settings
 * fail start-up, naming the property and its fix.
 */
@ConfigurationProperties(prefix = "armet")
public class ArmetProperties {
  /** Turns the whole starter off. */
  private boolean enabled = true;

  /**
   * The mode: development or production (default: the ARMET_ENV variable, else development).
   * Production refuses in-memory stores, missing or weak secrets and insecure cookies.
   */
  private String env;

  /**
   * The secrets of the key ring, primary first (default: ARMET_SECRETS; development generates one
   * per process). Generate with `armet keys generate`; never commit them.
   */
  private List<String> secrets = new ArrayList<>();

  /**
   * Where sessions and rate limits are kept: memory, redis (the application's Lettuce
   * RedisConnectionFactory), jdbc (the application's DataSource), or a URI as for `armet serve`
   * (redis://…, postgresql://…, mariadb://…, sqlite:…).
   */
  private String store = "memory";

  /**
   * The order of the Armet filter: before Spring Security's chain (-100) and after Spring
   * Session's, so the client address, headers, sessions and CSRF are settled before either.
   */
  private int filterOrder = -102; // ArmetAutoConfiguration.FILTER_ORDER, literal for the metadata

  private final Headers headers = new Headers();
  private final Sessions sessions = new Sessions();
  private final Csrf csrf = new Csrf();
  private final Proxies proxies = new Proxies();
  private final Login login = new Login();

  /** Per-route rate limits by client address: armet.rate-limits[0].path=/api/*, .limit, .period. */
  private final List<RateLimit> rateLimits = new ArrayList<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getEnv() {
    return env;
  }

  public void setEnv(String env) {
    this.env = env;
  }

  public List<String> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<String> secrets) {
    this.secrets = secrets;
  }

  public String getStore() {
    return store;
  }

  public void setStore(String store) {
    this.store = store;
  }

  public int getFilterOrder() {
    return filterOrder;
  }

  public void setFilterOrder(int filterOrder) {
    this.filterOrder = filterOrder;
  }

  public Headers getHeaders() {
    return headers;
  }

  public Sessions getSessions() {
    return sessions;
  }

  public Csrf getCsrf() {
    return csrf;
  }

  public Proxies getProxies() {
    return proxies;
  }

  public Login getLogin() {
    return login;
  }

  public List<RateLimit> getRateLimits() {
    return rateLimits;
  }

  /** Security headers (Helmet 8's defaults plus Permissions-Policy). */
  public static class Headers {
    /** Whether Armet writes the security headers (false: yield them to Spring Security). */
    private boolean enabled = true;

    /** CSP directives that get a per-request nonce, e.g. script-src (attribute armet.cspNonce). */
    private List<String> nonce = new ArrayList<>();

    /** Sends the CSP as Content-Security-Policy-Report-Only instead of enforcing it. */
    private boolean reportOnly;

    /**
     * CSP directives replacing the default's, e.g. armet.headers.csp.img-src='self' data: https:.
     */
    private Map<String, String> csp = new LinkedHashMap<>();

    /** Strict-Transport-Security max-age (sent on secure requests only). */
    private Duration hstsMaxAge = Duration.ofDays(365);

    /** X-Frame-Options: SAMEORIGIN or DENY. */
    private String frameOptions = "SAMEORIGIN";

    /** Referrer-Policy values, in order of preference. */
    private List<String> referrerPolicy = new ArrayList<>(List.of("no-referrer"));

    /** Headers Armet must not send (by name), e.g. X-Download-Options. */
    private List<String> disable = new ArrayList<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getNonce() {
      return nonce;
    }

    public void setNonce(List<String> nonce) {
      this.nonce = nonce;
    }

    public boolean isReportOnly() {
      return reportOnly;
    }

    public void setReportOnly(boolean reportOnly) {
      this.reportOnly = reportOnly;
    }

    public Map<String, String> getCsp() {
      return csp;
    }

    public void setCsp(Map<String, String> csp) {
      this.csp = csp;
    }

    public Duration getHstsMaxAge() {
      return hstsMaxAge;
    }

    public void setHstsMaxAge(Duration hstsMaxAge) {
      this.hstsMaxAge = hstsMaxAge;
    }

    public String getFrameOptions() {
      return frameOptions;
    }

    public void setFrameOptions(String frameOptions) {
      this.frameOptions = frameOptions;
    }

    public List<String> getReferrerPolicy() {
      return referrerPolicy;
    }

    public void setReferrerPolicy(List<String> referrerPolicy) {
      this.referrerPolicy = referrerPolicy;
    }

    public List<String> getDisable() {
      return disable;
    }

    public void setDisable(List<String> disable) {
      this.disable = disable;
    }
  }

  /** Armet server sessions: request.getSession() is Armet's, cookie __Host-id over HTTPS. */
  public static class Sessions {
    /** Whether Armet owns HttpSession (false: the container's or Spring Session's). */
    private boolean enabled = true;

    /** Idle timeout: a session unused this long ends. */
    private Duration idleTimeout = Duration.ofMinutes(30);

    /** Absolute timeout: a session ends this long after login, however busy. */
    private Duration absoluteTimeout = Duration.ofHours(12);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    public Duration getAbsoluteTimeout() {
      return absoluteTimeout;
    }

    public void setAbsoluteTimeout(Duration absoluteTimeout) {
      this.absoluteTimeout = absoluteTimeout;
    }
  }

  /** CSRF protection: Fetch Metadata, then Origin/Referer, then a masked token (_csrf). */
  public static class Csrf {
    /** Whether Armet checks unsafe requests (false: yield CSRF to Spring Security). */
    private boolean enabled = true;

    /** Path patterns not checked (webhooks that authenticate themselves), e.g. /hooks/*. */
    private List<String> exempt = new ArrayList<>();

    /** Other origins allowed to post, e.g. https://app.example.com. */
    private List<String> allowedOrigins = new ArrayList<>();

    /**
     * Single-page-app mode: the token in a readable XSRF-TOKEN cookie, echoed in X-XSRF-TOKEN
     * (Angular's and axios's convention).
     */
    private boolean spa;

    /** Records refusals as events but lets the requests through (for a rollout). */
    private boolean reportOnly;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getExempt() {
      return exempt;
    }

    public void setExempt(List<String> exempt) {
      this.exempt = exempt;
    }

    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }

    public boolean isSpa() {
      return spa;
    }

    public void setSpa(boolean spa) {
      this.spa = spa;
    }

    public boolean isReportOnly() {
      return reportOnly;
    }

    public void setReportOnly(boolean reportOnly) {
      this.reportOnly = reportOnly;
    }
  }

  /** Which proxies to believe about the client's address, scheme and host. */
  public static class Proxies {
    /** Trusted proxy addresses or CIDR ranges (default none: the peer is the client). */
    private List<String> trusted = new ArrayList<>();

    public List<String> getTrusted() {
      return trusted;
    }

    public void setTrusted(List<String> trusted) {
      this.trusted = trusted;
    }
  }

  /** Brute-force protection of the Spring Security login (LoginThrottle). */
  public static class Login {
    /** Whether Spring Security's authentication events feed the throttle. */
    private boolean enabled = true;

    /** The login processing path checked before the password is (POST only). */
    private String path = "/login";

    /** The form field holding the username. */
    private String usernameParameter = "username";

    /** Consecutive failures for one username from one address before a lock. */
    private int failures = 10;

    /** The lock durations, escalating per lock. */
    private List<Duration> locks =
        new ArrayList<>(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)));

    /** Failures from one address in a day before it is blocked until the day ends. */
    private int addressDailyLimit = 100;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getUsernameParameter() {
      return usernameParameter;
    }

    public void setUsernameParameter(String usernameParameter) {
      this.usernameParameter = usernameParameter;
    }

    public int getFailures() {
      return failures;
    }

    public void setFailures(int failures) {
      this.failures = failures;
    }

    public List<Duration> getLocks() {
      return locks;
    }

    public void setLocks(List<Duration> locks) {
      this.locks = locks;
    }

    public int getAddressDailyLimit() {
      return addressDailyLimit;
    }

    public void setAddressDailyLimit(int addressDailyLimit) {
      this.addressDailyLimit = addressDailyLimit;
    }
  }

  /** One rate-limited route (armet.rate-limits[0].path=/api/*). */
  public static class RateLimit {
    /** The path pattern, e.g. /api/* or /login. */
    private String path;

    /** Only these methods (default all). */
    private List<String> methods = new ArrayList<>();

    /** Requests allowed per period per client address. */
    private long limit = 100;

    /** The period of the token bucket. */
    private Duration period = Duration.ofMinutes(1);

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public List<String> getMethods() {
      return methods;
    }

    public void setMethods(List<String> methods) {
      this.methods = methods;
    }

    public long getLimit() {
      return limit;
    }

    public void setLimit(long limit) {
      this.limit = limit;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = period;
    }
  }
}
