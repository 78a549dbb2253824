package dev.armet.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How an audit runs. Immutable; built and validated by {@link #builder()}.
 *
 * <p>Defaults: 10 s timeout per request, at most {@value #DEFAULT_MAX_REQUESTS} HTTP requests per
 * URL, TLS probed, no state-changing probe (CSRF and login probes are opt-in), the system trust
 * store plus any {@link Builder#trust(X509Certificate) trusted CA}.
 */
public final class AuditOptions {
  /** The default request budget per audited URL. */
  public static final int DEFAULT_MAX_REQUESTS = 40;

  /** The most login attempts the login probe ever sends. */
  public static final int MAX_LOGIN_ATTEMPTS = 15;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern RESOLVE = Pattern.compile("([^:\\s]+):(\\d{1,5}):(.+)");

  private final Duration timeout;
  private final int maxRequests;
  private final List<Map.Entry<String, String>> headers;
  private final Map<String, InetAddress> resolve;
  private final List<X509Certificate> trusted;
  private final boolean probeTls;
  private final boolean probeCsrf;
  private final String loginPath;
  private final String loginUser;

  private AuditOptions(Builder b) {
    timeout = b.timeout;
    maxRequests = b.maxRequests;
    headers = List.copyOf(b.headers);
    resolve = Map.copyOf(b.resolve);
    trusted = List.copyOf(b.trusted);
    probeTls = b.probeTls;
    probeCsrf = b.probeCsrf;
    loginPath = b.loginPath;
    loginUser = b.loginUser;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static AuditOptions defaults() {
    return builder().build();
  }

  /** Convenience: {@code AuditOptions.of(o -> o.timeout(Duration.ofSeconds(3)))}. */
  public static AuditOptions of(Consumer<Builder> configure) {
    Builder b = builder();
    configure.accept(b);
    return b.build();
  }

  public Duration timeout() {
    return timeout;
  }

  public int maxRequests() {
    return maxRequests;
  }

  /** Extra request headers, in order (never {@code Host}). */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The address to connect to for {@code host:port}, if {@code --resolve} named one. */
  public Optional<InetAddress> resolved(String host, int port) {
    return Optional.ofNullable(resolve.get(host.toLowerCase(Locale.ROOT) + ":" + port));
  }

  public List<X509Certificate> trusted() {
    return trusted;
  }

  public boolean probeTls() {
    return probeTls;
  }

  public boolean probeCsrf() {
    return probeCsrf;
  }

  /** The login form's path, when the login lock-out probe is on. */
  public Optional<String> loginPath() {
    return Optional.ofNullable(loginPath);
  }

  public Optional<String> loginUser() {
    return Optional.ofNullable(loginUser);
  }

  /** Validating builder; every setter rejects a bad value with the option and the bound. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(10);
    private int maxRequests = DEFAULT_MAX_REQUESTS;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final Map<String, InetAddress> resolve = new LinkedHashMap<>();
    private final List<X509Certificate> trusted = new ArrayList<>();
    private boolean probeTls = true;
    private boolean probeCsrf;
    private String loginPath;
    private String loginUser;

    private Builder() {}

    public Builder timeout(Duration value) {
      if (value == null
          || value.isNegative()
          || value.isZero()
          || value.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("timeout must be between 1 ms and 5 min, was " + value);
      }
      timeout = value;
      return this;
    }

    public Builder maxRequests(int value) {
      if (value < 5 || value > 1000) {
        throw new IllegalArgumentException("max-requests must be between 5 and 1000, was " + value);
      }
      maxRequests = value;
      return this;
    }

    /** Adds a request header given as {@code Name: value}. */
    public Builder header(String line) {
      int colon = line == null ? -1 : line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "header must look like 'Name: value', was '" + line + "'");
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (!TOKEN.matcher(name).matches()
          || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new IllegalArgumentException(
            "header '" + name + "' has a bad name or a line break in its value");
      }
      if (name.equalsIgnoreCase("host")
          || name.equalsIgnoreCase("content-length")
          || name.equalsIgnoreCase("transfer-encoding")
          || name.equalsIgnoreCase("connection")) {
        throw new IllegalArgumentException(
            "header '" + name + "' is set by the auditor; use --resolve to aim at another address");
      }
      headers.add(Map.entry(name, value));
      return this;
    }

    /** {@code HOST:PORT:ADDRESS}, as curl's {@code --resolve}: connect there, keep SNI and Host. */
    public Builder resolve(String spec) {
      var m = spec == null ? null : RESOLVE.matcher(spec.trim());
      if (m == null || !m.matches()) {
        throw new IllegalArgumentException(
            "resolve must look like HOST:PORT:ADDRESS, was '" + spec + "'");
      }
      int port = Integer.parseInt(m.group(2));
      String address = m.group(3).replaceAll("^\\[|\\]$", "");
      if (port < 1 || port > 65535 || !address.matches("[0-9a-fA-F.:]+")) {
        throw new IllegalArgumentException(
            "resolve needs a port 1-65535 and an IP address, was '" + spec + "'");
      }
      try {
        resolve.put(
            m.group(1).toLowerCase(Locale.ROOT) + ":" + port, InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("resolve: '" + address + "' is not an IP address", e);
      }
      return this;
    }

    /** Trusts a (private) CA certificate besides the system trust store. */
    public Builder trust(X509Certificate ca) {
      trusted.add(java.util.Objects.requireNonNull(ca, "ca"));
      return this;
    }

    public Builder probeTls(boolean on) {
      probeTls = on;
      return this;
    }

    /** Opt-in: POST a cross-site request to a form found on the page; it must be refused. */
    public Builder probeCsrf(boolean on) {
      probeCsrf = on;
      return this;
    }

    /**
     * Opt-in: up to {@value AuditOptions#MAX_LOGIN_ATTEMPTS} failed logins must end in a lock-out.
     */
    public Builder loginProbe(String path, String username) {
      if (path == null || !path.startsWith("/") || username == null || username.isBlank()) {
        throw new IllegalArgumentException(
            "login probe needs a path starting with '/' and a username, was '"
                + path
                + "' / '"
                + username
                + "'");
      }
      loginPath = path;
      loginUser = username;
      return this;
    }

    public AuditOptions build() {
      return new AuditOptions(this);
    }
  }
}
