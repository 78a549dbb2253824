package dev.armet.server;

import dev.armet.check.SelfCheck;
import dev.armet.env.ArmetEnvironment;
import dev.armet.servlet.ArmetFilter;
import jakarta.servlet.Servlet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The settings of an {@link ArmetServer}: immutable, validated when built.
 *
 * <p>Defaults: HTTPS on 8443, an HTTP connector on 8080 that only redirects to HTTPS at the
 * canonical host {@code localhost}, every interface, mode from {@code ARMET_ENV} (production when
 * unset), data folder {@code ./data}, {@link ArmetFilter#defaults()}, the {@link
 * TlsProfile#INTERMEDIATE} profile, {@link RequestLimits#defaults()}, 10 s to finish in-flight
 * requests on stop. Production refuses to run as root unless {@link Builder#user} names a user to
 * switch to after binding.
 *
 * <pre>{@code
 * ArmetServerConfig config = ArmetServerConfig.builder()
 *     .httpsPort(443).httpPort(80).canonicalHost("example.com")
 *     .servlet("/api/*", new ApiServlet())
 *     .build();
 * }</pre>
 */
public final class ArmetServerConfig {
  public static final int DEFAULT_HTTPS_PORT = 8443;
  public static final int DEFAULT_HTTP_PORT = 8080;
  private static final Pattern HOST =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+\\]");

  /** A servlet and the path spec it is mapped to. */
  record ServletMount(String pathSpec, Servlet servlet) {}

  /** Static files under {@code urlPrefix}, served from {@code base}. */
  record StaticMount(String urlPrefix, URI base) {}

  private final int httpsPort;
  private final int httpPort;
  private final String bindAddress;
  private final String canonicalHost;
  private final ArmetEnvironment environment;
  private final Path dataDirectory;
  private final ArmetFilter filter;
  private final List<ServletMount> servlets;
  private final List<StaticMount> staticResources;
  private final Duration stopTimeout;
  private final boolean stopAtShutdown;
  private final TlsConfig tls;
  private final RequestLimits limits;
  private final String user;
  private final String group;
  private final boolean allowRoot;
  private final List<SelfCheck> selfChecks;
  private final List<AutoCloseable> closeOnStop;

  private ArmetServerConfig(Builder b) {
    this.httpsPort = b.httpsPort;
    this.httpPort = b.httpPort;
    this.bindAddress = b.bindAddress;
    this.canonicalHost = b.canonicalHost;
    this.environment = b.environment;
    this.dataDirectory = b.dataDirectory;
    this.filter = b.filter;
    this.servlets = List.copyOf(b.servlets);
    this.staticResources = List.copyOf(b.staticResources);
    this.stopTimeout = b.stopTimeout;
    this.stopAtShutdown = b.stopAtShutdown;
    this.tls = b.builtTls;
    this.limits = b.builtLimits;
    this.user = b.user;
    this.group = b.group;
    this.allowRoot = b.allowRoot;
    this.selfChecks = List.copyOf(b.selfChecks);
    this.closeOnStop = List.copyOf(b.closeOnStop);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The HTTPS port; 0 means any free port (see {@link ArmetServer#httpsPort()}). */
  public int httpsPort() {
    return httpsPort;
  }

  /** The redirecting HTTP port; 0 means any free port. */
  public int httpPort() {
    return httpPort;
  }

  /** The address both connectors listen on; null means every interface. */
  public String bindAddress() {
    return bindAddress;
  }

  /** The host name that redirects point to. */
  public String canonicalHost() {
    return canonicalHost;
  }

  public ArmetEnvironment environment() {
    return environment;
  }

  /** Where the server keeps its files (the development certificate). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  public ArmetFilter filter() {
    return filter;
  }

  public Duration stopTimeout() {
    return stopTimeout;
  }

  /** Same as {@code limits().maxRequestHeaderBytes()}. */
  public int maxRequestHeaderBytes() {
    return limits.maxRequestHeaderBytes();
  }

  public TlsConfig tls() {
    return tls;
  }

  public RequestLimits limits() {
    return limits;
  }

  /** The user the server switches to after binding its ports; null: no switch. */
  public String user() {
    return user;
  }

  /** The group to switch to; null: the user's primary group. */
  public String group() {
    return group;
  }

  /** Whether production may run as root without switching (an explicit loosening). */
  public boolean allowRoot() {
    return allowRoot;
  }

  /** The self-checks registered besides the server's own (sessions, stores, …). */
  public List<SelfCheck> selfChecks() {
    return selfChecks;
  }

  /** What the server closes after it stopped (stores, pools), in registration order. */
  public List<AutoCloseable> closeOnStop() {
    return closeOnStop;
  }

  public boolean stopAtShutdown() {
    return stopAtShutdown;
  }

  List<ServletMount> servlets() {
    return servlets;
  }

  List<StaticMount> staticResources() {
    return staticResources;
  }

  /** Builds an {@link ArmetServerConfig}; every value is checked in {@link #build()}. */
  public static final class Builder {
    private int httpsPort = DEFAULT_HTTPS_PORT;
    private int httpPort = DEFAULT_HTTP_PORT;
    private String bindAddress;
    private String canonicalHost = "localhost";
    private ArmetEnvironment environment;
    private Path dataDirectory = Path.of("data");
    private ArmetFilter filter;
    private final List<ServletMount> servlets = new ArrayList<>();
    private final List<StaticMount> staticResources = new ArrayList<>();
    private Duration stopTimeout = Duration.ofSeconds(10);
    private boolean stopAtShutdown = true;
    private final TlsConfig.Builder tls = TlsConfig.builder();
    private final RequestLimits.Builder limits = RequestLimits.builder();
    private TlsConfig builtTls;
    private RequestLimits builtLimits;
    private String user;
    private String group;
    private boolean allowRoot;
    private final List<SelfCheck> selfChecks = new ArrayList<>();
    private Path dependencyOsv;
    private dev.armet.deps.Severity dependencyFailOn = dev.armet.deps.Severity.HIGH;
    private final List<AutoCloseable> closeOnStop = new ArrayList<>();

    private Builder() {}

    public Builder httpsPort(int port) {
      this.httpsPort = port;
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /** Listen on this address only (e.g. {@code 127.0.0.1}); null for every interface. */
    public Builder bindAddress(String address) {
      this.bindAddress = address;
      return this;
    }

    /** The host redirects go to, never taken from the request (default {@code localhost}). */
    public Builder canonicalHost(String host) {
      this.canonicalHost = host;
      return this;
    }

    /** The mode; unset means {@code ARMET_ENV}, or production when that is unset too. */
    public Builder environment(ArmetEnvironment environment) {
      this.environment = environment;
      return this;
    }

    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /** The filter applied to every request of the servlet context (default: all defaults). */
    public Builder filter(ArmetFilter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * Mounts a servlet at a Servlet path spec ({@code /}, {@code /api/*}, {@code /page}, {@code
     * *.ext}). Paths under {@code /_armet/} are Armet's own.
     */
    public Builder servlet(String pathSpec, Servlet servlet) {
      servlets.add(new ServletMount(pathSpec, servlet));
      return this;
    }

    /**
     * Serves the files of a directory under {@code urlPrefix} (e.g. {@code /static}), or as the
     * whole site with {@code /}, below the application's own routes.
     */
    public Builder staticResources(String urlPrefix, Path directory) {
      staticResources.add(new StaticMount(urlPrefix, directory == null ? null : directory.toUri()));
      return this;
    }

    /**
     * Serves resources under {@code urlPrefix} from a base URI: a {@code file:} folder or a folder
     * inside a jar ({@code jar:file:…!/static/}), e.g. from {@code Class#getResource}.
     */
    public Builder staticResources(String urlPrefix, URI base) {
      staticResources.add(new StaticMount(urlPrefix, base));
      return this;
    }

    /** How long a stop waits for in-flight requests (0 to 5 minutes; default 10 s). */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = timeout;
      return this;
    }

    /** The largest request line plus headers accepted; larger gets 431 (1 KiB to 64 KiB). */
    public Builder maxRequestHeaderBytes(int bytes) {
      limits.maxRequestHeaderBytes(bytes);
      return this;
    }

    /** Adjusts the TLS settings: profile, certificate files, reload, expiry warning. */
    public Builder tls(Consumer<TlsConfig.Builder> config) {
      config.accept(tls);
      return this;
    }

    /** Adjusts the request limits. */
    public Builder limits(Consumer<RequestLimits.Builder> config) {
      config.accept(limits);
      return this;
    }

    /**
     * After binding its ports as root, the server switches to this user and checks that no thread
     * kept root before it accepts a connection. Null: no switch.
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The group to switch to with {@link #user}; null: the user's primary group. */
    public Builder group(String group) {
      this.group = group;
      return this;
    }

    /**
     * Lets production run as root without switching users: a visible loosening for containers whose
     * root is unprivileged on the host. Reported by the self-check as a warning.
     */
    public Builder allowRoot(boolean allow) {
      this.allowRoot = allow;
      return this;
    }

    /** Registers a start-up self-check (a session store, a key ring, …). */
    public Builder selfCheck(SelfCheck check) {
      selfChecks.add(Objects.requireNonNull(check, "selfCheck"));
      return this;
    }

    /**
     * Checks the jars on the running class path against the OSV data at {@code osv} at start-up
     * ({@link DependencySelfCheck}); {@code failOn} (default high) is the severity that makes a
     * finding an error. A null argument keeps the value set before.
     */
    public Builder dependencyCheck(Path osv, dev.armet.deps.Severity failOn) {
      if (osv != null) {
        this.dependencyOsv = osv;
      }
      if (failOn != null) {
        this.dependencyFailOn = failOn;
      }
      return this;
    }

    /** Closes {@code resource} after the server stopped (in-flight requests finished). */
    public Builder closeOnStop(AutoCloseable resource) {
      closeOnStop.add(Objects.requireNonNull(resource, "closeOnStop"));
      return this;
    }

    /** Whether a JVM shutdown (SIGTERM, Ctrl-C) stops the server gracefully (default true). */
    public Builder stopAtShutdown(boolean stop) {
      this.stopAtShutdown = stop;
      return this;
    }

    public ArmetServerConfig build() {
      if (dependencyOsv != null) {
        selfChecks.removeIf(DependencySelfCheck.class::isInstance);
        selfChecks.add(DependencySelfCheck.ofRunningClasspath(dependencyOsv, dependencyFailOn));
      }
      checkPort("httpsPort", httpsPort);
      checkPort("httpPort", httpPort);
      if (httpsPort != 0 && httpsPort == httpPort) {
        throw new IllegalArgumentException(
            "httpsPort and httpPort must differ, both were " + httpsPort);
      }
      if (canonicalHost == null || !HOST.matcher(canonicalHost).matches()) {
        throw new IllegalArgumentException(
            "canonicalHost must be a host name or a bracketed IPv6 "
                + "address without port or path, was "
                + (canonicalHost == null ? "null" : "'" + canonicalHost + "'"));
      }
      if (environment == null) {
        environment = ArmetEnvironment.fromEnvironment(ArmetEnvironment.PRODUCTION);
      }
      Objects.requireNonNull(dataDirectory, "dataDirectory");
      if (filter == null) {
        filter = ArmetFilter.defaults();
      }
      for (ServletMount m : servlets) {
        checkPathSpec(m.pathSpec());
        Objects.requireNonNull(m.servlet(), "servlet for " + m.pathSpec());
      }
      for (StaticMount m : staticResources) {
        boolean wholeSite = "/".equals(m.urlPrefix()); // server.static-dir: the folder is the site
        if (m.urlPrefix() == null
            || !wholeSite && !m.urlPrefix().matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]")) {
          throw new IllegalArgumentException(
              "staticResources urlPrefix must be / (the whole site) or look "
                  + "like /static (no trailing slash, no wildcard), was "
                  + m.urlPrefix());
        }
        checkPathSpec(wholeSite ? "/" : m.urlPrefix() + "/*");
        Objects.requireNonNull(m.base(), "staticResources base for " + m.urlPrefix());
      }
      if (stopTimeout == null
          || stopTimeout.isNegative()
          || stopTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(
            "stopTimeout must be between 0 and 5 minutes, was " + stopTimeout);
      }
      builtTls = tls.build();
      builtLimits = limits.build();
      if (user != null && !user.matches("[a-z_][a-z0-9_.-]{0,31}\\$?")) {
        throw new IllegalArgumentException("server.user must be a user name, was '" + user + "'");
      }
      if (group != null && (user == null || !group.matches("[a-z_][a-z0-9_.-]{0,31}\\$?"))) {
        throw new IllegalArgumentException(
            user == null
                ? "server.group needs server.user"
                : "server.group must be a group name, was '" + group + "'");
      }
      return new ArmetServerConfig(this);
    }

    private static void checkPort(String name, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            name + " must be between 0 and 65535 (0: any free port), was " + port);
      }
    }

    private static void checkPathSpec(String spec) {
      if (spec == null || !(spec.startsWith("/") || spec.startsWith("*.") || spec.isEmpty())) {
        throw new IllegalArgumentException(
            "servlet path spec must start with '/' or '*.', was " + spec);
      }
      if (spec.startsWith("/_armet/") || spec.equals("/_armet")) {
        throw new IllegalArgumentException(
            "paths under /_armet/ are reserved for Armet, was " + spec);
      }
    }
  }
}
