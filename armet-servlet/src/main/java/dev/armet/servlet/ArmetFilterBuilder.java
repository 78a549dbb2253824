package dev.armet.servlet;

import dev.armet.csrf.CsrfProtection;
import dev.armet.csrf.CsrfProtectionBuilder;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEventSink;
import dev.armet.headers.SecurityHeaders;
import dev.armet.keys.Keyring;
import dev.armet.net.ClientAddressResolver;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import dev.armet.session.Sessions;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.SessionStore;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link ArmetFilter}. Every setting has a secure default; components not set explicitly
 * are built in {@link #build()} for the configured environment (default: {@code ARMET_ENV},
 * development when unset, as {@code NODE_ENV}) and keyring (default: {@code ARMET_SECRETS}), so
 * production refuses unsafe defaults at start-up.
 */
public final class ArmetFilterBuilder {
  SecurityHeaders headers = SecurityHeaders.defaults();
  String cspReportPath = ArmetFilter.DEFAULT_CSP_REPORT_PATH;
  int maxReportBytes = 16 * 1024;
  SecurityEventSink events = SecurityEventSink.logging();
  private Consumer<EventGate.Builder> gateConfig = gate -> {};
  ClientAddressResolver proxies = ClientAddressResolver.direct();
  @Nullable HttpRateLimits rateLimits;
  boolean asyncStoreCalls;
  private @Nullable Sessions sessions;
  private @Nullable CsrfProtection csrf;
  private @Nullable ProductionGate gate;
  private @Nullable Keyring keyring;
  private boolean sessionsOff;
  private @Nullable Consumer<CsrfProtectionBuilder> csrfConfig;
  private boolean csrfOff;

  /** A Micrometer MeterRegistry, typed Object so that this class never needs Micrometer loaded. */
  private @Nullable Object meterRegistry;

  ArmetFilterBuilder() {}

  public ArmetFilterBuilder headers(SecurityHeaders headers) {
    this.headers = Objects.requireNonNull(headers, "headers");
    return this;
  }

  /** Adjusts the header policy, starting from the current one. */
  public ArmetFilterBuilder headers(Consumer<SecurityHeaders.Builder> config) {
    SecurityHeaders.Builder b = headers.toBuilder();
    config.accept(b);
    this.headers = b.build();
    return this;
  }

  /**
   * The mode the default components are built for (default: {@code ARMET_ENV}); the same as {@code
   * gate(ProductionGate.of(environment))}.
   */
  public ArmetFilterBuilder environment(ArmetEnvironment environment) {
    return gate(ProductionGate.of(Objects.requireNonNull(environment, "environment")));
  }

  /**
   * The {@link ProductionGate} that decides for the default components and checks the rate limits'
   * store (default: one for {@code ARMET_ENV}); a recording gate lets {@code armet doctor} list the
   * findings.
   */
  public ArmetFilterBuilder gate(ProductionGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
    return this;
  }

  /** The secrets the default sessions and CSRF protection use (default: {@code ARMET_SECRETS}). */
  public ArmetFilterBuilder keyring(Keyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    return this;
  }

  /**
   * Sessions ({@link ServerSessions} or cookie sessions); default: server sessions, memory store.
   */
  public ArmetFilterBuilder sessions(Sessions sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.sessionsOff = false;
    return this;
  }

  /** No Armet sessions: {@code getSession()} is the container's (for apps with their own). */
  public ArmetFilterBuilder noSessions() {
    this.sessions = null;
    this.sessionsOff = true;
    return this;
  }

  public ArmetFilterBuilder csrf(CsrfProtection csrf) {
    this.csrf = Objects.requireNonNull(csrf, "csrf");
    this.csrfOff = false;
    return this;
  }

  /** Adjusts the default CSRF protection (environment, keyring and events are filled in). */
  public ArmetFilterBuilder csrf(Consumer<CsrfProtectionBuilder> config) {
    this.csrf = null;
    this.csrfConfig = Objects.requireNonNull(config, "config");
    this.csrfOff = false;
    return this;
  }

  /** No CSRF protection (an API that authenticates every request with a bearer token). */
  public ArmetFilterBuilder noCsrf() {
    this.csrf = null;
    this.csrfConfig = null;
    this.csrfOff = true;
    return this;
  }

  /**
   * Which proxies to believe about the client's address, scheme and host (default: none, the direct
   * peer is the client). Behind a TLS-terminating proxy this is what makes HSTS and {@code Secure}
   * cookies work.
   */
  public ArmetFilterBuilder proxies(ClientAddressResolver proxies) {
    this.proxies = Objects.requireNonNull(proxies, "proxies");
    return this;
  }

  /** Per-route rate limits, decided before the application runs (default: none). */
  public ArmetFilterBuilder rateLimits(HttpRateLimits rateLimits) {
    this.rateLimits = rateLimits;
    return this;
  }

  /**
   * Releases the request's thread while the rate-limit store decides (default false): on a {@code
   * REQUEST} dispatch the filter sends the decision, with the session read riding along, through
   * {@link dev.armet.spi.RateLimitStore#executeAsync}, parks the request ({@code startAsync}), and
   * resumes it on an {@code ASYNC} dispatch when the store answered, exactly where it left off:
   * refused (429, or the {@code StoreFailurePolicy}'s answer) or on to the session, CSRF and the
   * application. Worth it for a network store with an asynchronous client (Redis); an in-memory or
   * SQL store, or a decision answered from a cache, goes on synchronously.
   *
   * <p><b>The filter must then be registered for {@code REQUEST}, {@code ASYNC} and {@code
   * ERROR}</b>, with async supported, and so must every filter after it: an ASYNC dispatch skips a
   * filter not mapped for it, so the resumed request would reach the application without Armet's
   * session and CSRF checks. On Jetty 12 (ee10, ee11) the filter reads its context's mappings in
   * {@code init} and stays synchronous (with a warning) unless they allow it; on other containers
   * the registration is trusted. A request whose container does not support async ({@code
   * isAsyncSupported()} false, e.g. an earlier filter without it) or that is already async is
   * decided synchronously. Filters before Armet see the request return from the chain before the
   * application ran.
   *
   * <pre>{@code
   * ArmetFilter filter = ArmetFilter.create(a -> a.rateLimits(limits).asyncStoreCalls(true));
   * FilterHolder holder = new FilterHolder(filter);
   * holder.setAsyncSupported(true);
   * context.addFilter(holder, "/*", EnumSet.of(REQUEST, ASYNC, ERROR));
   * }</pre>
   */
  public ArmetFilterBuilder asyncStoreCalls(boolean on) {
    this.asyncStoreCalls = on;
    return this;
  }

  /** Where the CSP report endpoint listens; null turns it off. */
  public ArmetFilterBuilder cspReportPath(String path) {
    if (path != null && !path.startsWith("/")) {
      throw new IllegalArgumentException("cspReportPath must start with '/', was '" + path + "'");
    }
    this.cspReportPath = path;
    return this;
  }

  /** The largest CSP report body accepted (default 16 KiB); larger ones get 413. */
  public ArmetFilterBuilder maxReportBytes(int bytes) {
    if (bytes < 512 || bytes > 1 << 20) {
      throw new IllegalArgumentException(
          "maxReportBytes must be between 512 and 1048576, was " + bytes);
    }
    this.maxReportBytes = bytes;
    return this;
  }

  /**
   * Where security events go (default: the {@code armet.security} logger). The filter puts one
   * {@link EventGate} in front (unless {@code events} is one already) and gives it to every
   * component it builds, so they share one bounded budget per event type.
   */
  public ArmetFilterBuilder events(SecurityEventSink events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  /**
   * Counts refusals, CSP reports, session and login events on this Micrometer registry (see {@link
   * ArmetMetrics} for the meters; tags are bounded, never an address, user or path). Each event is
   * counted before the {@link EventGate} that bounds the log, so a flood is counted in full. The
   * default sessions' store is timed ({@code armet.store.operations}); for sessions and rate limits
   * you build yourself, decorate their stores with {@link ArmetMetrics#storeObserver} (a store is
   * observed once, however often it is decorated). Micrometer is an optional dependency: without
   * this call nothing of it is loaded.
   *
   * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}; typed {@code Object} so
   *     that this builder loads, and can be reflected on, without Micrometer
   * @throws IllegalArgumentException if {@code registry} is not a MeterRegistry
   */
  public ArmetFilterBuilder meterRegistry(Object registry) {
    Objects.requireNonNull(registry, "registry");
    try {
      Metered.check(registry);
    } catch (LinkageError e) {
      throw new IllegalArgumentException(
          "meterRegistry: io.micrometer:micrometer-core is not on" + " the class path", e);
    }
    this.meterRegistry = registry;
    return this;
  }

  /**
   * Adjusts the {@link EventGate} the filter puts in front of {@link #events} (default: a burst of
   * 10 events per type, then one a second), e.g. {@code g -> g.burst(50)}.
   */
  public ArmetFilterBuilder eventGate(Consumer<EventGate.Builder> config) {
    this.gateConfig = Objects.requireNonNull(config, "config");
    return this;
  }

  /**
   * Builds the filter.
   *
   * @throws IllegalStateException in production, for an unsafe default (naming the fix)
   */
  public ArmetFilter build() {
    SecurityEventSink events = gate();
    ProductionGate decides = gate != null ? gate : ProductionGate.of(null);
    boolean defaultSessions = sessions == null && !sessionsOff;
    boolean needsKeys = defaultSessions || (csrf == null && !csrfOff);
    // Built only when a default component needs it, so a filter without sessions and CSRF never
    // asks for ARMET_SECRETS.
    Keyring ring =
        keyring != null || !needsKeys
            ? keyring
            : decides.keyring(defaultSessions ? "sessions.keyring" : "csrf.keyring", null);
    Sessions builtSessions = sessions;
    if (defaultSessions) {
      builtSessions =
          ServerSessions.create(
              s -> {
                s.gate(decides).keyring(Objects.requireNonNull(ring)).events(events);
                if (meterRegistry != null) {
                  s.store(Metered.observed(meterRegistry, new MemorySessionStore()));
                }
              });
    }
    CsrfProtection builtCsrf = csrf;
    if (builtCsrf == null && !csrfOff) {
      builtCsrf =
          CsrfProtection.create(
              c -> {
                c.gate(decides).keyring(Objects.requireNonNull(ring)).events(events); // needsKeys
                if (csrfConfig != null) {
                  csrfConfig.accept(c);
                }
              });
    }
    if (rateLimits != null) {
      decides.rateLimitStore("rateLimits.store", rateLimits.store());
    }
    return new ArmetFilter(this, events, builtSessions, builtCsrf);
  }

  private SecurityEventSink gate() {
    if (events instanceof EventGate) {
      // The caller's own gate: the counters go in front of it. A component then puts a gate of
      // its own in front of the counters, so pass the registry, not a gate, to count a flood.
      return meterRegistry == null ? events : Metered.counting(meterRegistry, events);
    }
    EventGate.Builder b = EventGate.builder(events);
    gateConfig.accept(b);
    if (meterRegistry != null) {
      // Counted before the gate, and the components see a gate, so they add none: every event
      // is counted, however many the gate holds back from the log.
      b.observer(Metered.counting(meterRegistry, e -> {}));
    }
    return b.build();
  }

  /** Keeps the Micrometer types out of the builder's own code: loaded only with a registry. */
  private static final class Metered {
    static void check(Object registry) {
      if (!(registry instanceof io.micrometer.core.instrument.MeterRegistry)) {
        throw new IllegalArgumentException(
            "meterRegistry must be an io.micrometer MeterRegistry,"
                + " was "
                + registry.getClass().getName());
      }
    }

    static SessionStore observed(Object registry, SessionStore store) {
      return ObservedStores.sessions(
          store,
          ArmetMetrics.storeObserver((io.micrometer.core.instrument.MeterRegistry) registry));
    }

    static SecurityEventSink counting(Object registry, SecurityEventSink next) {
      return ArmetMetrics.counting((io.micrometer.core.instrument.MeterRegistry) registry, next);
    }
  }
}
