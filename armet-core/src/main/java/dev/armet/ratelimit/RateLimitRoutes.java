package dev.armet.ratelimit;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.http.PathPattern;
import dev.armet.internal.ratelimit.AddressKey;
import dev.armet.internal.ratelimit.OutcomeOnly;
import dev.armet.keys.Keyring;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionLoad;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Per-route rate limits, independent of any web framework: routes (a {@link PathPattern},
 * optionally methods and a cost) each with policies and what each counts a request by. Given a
 * request's method and path, {@link #decide} consumes every limit of every matching route in one
 * atomic decision (all must pass; a refusal spends nothing anywhere). An adapter (the servlet
 * filter's {@code HttpRateLimits}, a Spring starter) only supplies the method, the context-relative
 * path and the request its keys are read from, and turns the decision into a response; it decides
 * nothing of its own. Every limiter shares one store, which the {@link ProductionGate} checks at
 * build time. Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimitRoutes<HttpServletRequest> routes = RateLimitRoutes.<HttpServletRequest>builder()
 *     .route("/login", r -> r.methods("POST").limit(loginPolicy, req -> clientKey(req)))
 *     .store(redis.rateLimits())
 *     .build();
 * Optional<RateLimitDecision> d = routes.decide(req.getMethod(), path, req);
 * }</pre>
 *
 * @param <R> the adapter's request type, which keys are read from
 */
public final class RateLimitRoutes<R> {
  static {
    OutcomeOnly.install(
        new OutcomeOnly.Decider() {
          @Override
          public <Q> @Nullable RateLimitDecision decide(
              RateLimitRoutes<Q> routes,
              String method,
              String path,
              Q request,
              @Nullable SessionLoad alongside) {
            return (RateLimitDecision) routes.decide(method, path, request, alongside, false, true);
          }
        });
  }

  private final List<Route<R>> routes;
  private final RateLimitStore store;

  private RateLimitRoutes(
      Builder<R> b, ProductionGate gate, RateLimitStore store, @Nullable Keyring keyring) {
    this.store = store;
    List<Route<R>> built = new ArrayList<>();
    for (Route<R> spec : b.routes) {
      built.add(spec.build(b, gate, store, keyring));
    }
    this.routes = List.copyOf(built);
  }

  /** A builder for routes whose keys are read from requests of type {@code R}. */
  public static <R> Builder<R> builder() {
    return new Builder<>();
  }

  /** The store every limit here uses. */
  public RateLimitStore store() {
    return store;
  }

  /**
   * The policies that apply to a request with this method and path, in route order (a route whose
   * key is absent for a given request is still listed: it is skipped only at decision).
   *
   * @param method the request method as sent, e.g. {@code POST} (compared exactly with the
   *     upper-cased methods of a route)
   * @param path the decoded, normalized, context-relative path
   */
  public List<RateLimitPolicy> policies(String method, String path) {
    List<RateLimitPolicy> out = new ArrayList<>();
    for (Route<R> route : routes) {
      if (route.matches(path, method)) {
        out.addAll(route.policies);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Decides for a request: spends every limit of every matching route whose key is present, in one
   * atomic store round trip. Empty when no limit applies (no route matched, or every key was
   * absent), so the request goes on.
   *
   * @param method the request method as sent
   * @param path the decoded, normalized, context-relative path
   * @param request what the keys are read from
   */
  public Optional<RateLimitDecision> decide(String method, String path, R request) {
    return decide(method, path, request, null);
  }

  /**
   * As {@link #decide(String, String, Object)}, letting the store send this request's session read
   * in the same round trip ({@link dev.armet.session.Sessions#lookup}); when no limit applies, or
   * the store cannot combine them, the read happens on its own, as before.
   *
   * @param alongside the session read to carry, or null
   */
  public Optional<RateLimitDecision> decide(
      String method, String path, R request, @Nullable SessionLoad alongside) {
    Object decided = decide(method, path, request, alongside, false, false);
    return decided == null ? Optional.empty() : Optional.of((RateLimitDecision) decided);
  }

  /**
   * As {@link #decide(String, String, Object, SessionLoad)}, sending the store's round trip without
   * waiting for its answer ({@link dev.armet.spi.RateLimitStore#executeAsync}), so that an adapter
   * can release the request's thread meanwhile (the servlet filter's asynchronous path). The same
   * limits are spent, once; the decision is taken from the {@link PendingDecision} on the resumed
   * request's thread. An in-memory store, or a store answering from its cache, decides at once.
   *
   * @param alongside the session read to carry, or null
   */
  public Optional<PendingDecision> decideLater(
      String method, String path, R request, @Nullable SessionLoad alongside) {
    Object pending = decide(method, path, request, alongside, true, false);
    return pending == null ? Optional.empty() : Optional.of((PendingDecision) pending);
  }

  /**
   * The matching limits spent in one decision: a {@link RateLimitDecision}, or, {@code later}, a
   * {@link PendingDecision}; null when no limit applies. One loop for both, untyped so that the
   * synchronous path allocates nothing more than it did. {@code outcomeOnly}: see {@link
   * OutcomeOnly}.
   */
  private @Nullable Object decide(
      String method,
      String path,
      R request,
      @Nullable SessionLoad alongside,
      boolean later,
      boolean outcomeOnly) {
    Route<R> firstRoute = null; // the first limit that applies, kept as its route and key
    int firstIndex = 0;
    @Nullable String firstKey = null;
    List<RateLimiter.Target> more = null; // only when several limits apply: the common case is one
    for (int r = 0; r < routes.size(); r++) { // indexed: no iterator per request
      Route<R> route = routes.get(r);
      if (!route.matches(path, method)) {
        continue;
      }
      for (int i = 0; i < route.limiters.size(); i++) {
        String key = route.keys.get(i).apply(request);
        if (key == null) {
          continue;
        }
        if (firstRoute == null) {
          firstRoute = route;
          firstIndex = i;
          firstKey = key;
        } else {
          if (more == null) {
            more = new ArrayList<>(4);
            more.add(firstRoute.target(firstIndex, Objects.requireNonNull(firstKey)));
          }
          more.add(route.target(i, key));
        }
      }
    }
    if (firstRoute == null) {
      return null;
    }
    if (more == null) {
      String key = Objects.requireNonNull(firstKey);
      return later
          ? firstRoute.consumeLater(firstIndex, key, alongside)
          : firstRoute.consume(firstIndex, key, alongside, outcomeOnly);
    }
    RateLimiter.Target[] targets = more.toArray(new RateLimiter.Target[0]);
    return later
        ? RateLimiter.consumeAllLater(alongside, targets)
        : RateLimiter.consumeAll(alongside, targets);
  }

  /**
   * The limits of one route: policies with what each counts by, and optionally the methods they
   * apply to and the points a request costs.
   *
   * @param <R> the adapter's request type
   */
  public static final class Route<R> {
    private final PathPattern pattern;
    private final List<RateLimitPolicy> policies = new ArrayList<>();
    private final List<Function<? super R, String>> keys = new ArrayList<>();
    private Set<String> methods = Set.of();
    private long cost = 1;
    private List<RateLimiter> limiters = List.of();

    private Route(PathPattern pattern) {
      this.pattern = pattern;
    }

    /**
     * Limits by {@code key}, a function of the request; a null key means "this limit does not apply
     * to this request" (e.g. no API key sent), never "unlimited for everyone".
     */
    public Route<R> limit(RateLimitPolicy policy, Function<? super R, String> key) {
      policies.add(Objects.requireNonNull(policy, "policy"));
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** Only these methods (e.g. {@code "POST"}); default all. */
    public Route<R> methods(String... methods) {
      Set<String> set = new HashSet<>();
      for (String m : methods) {
        set.add(m.toUpperCase(Locale.ROOT));
      }
      this.methods = Set.copyOf(set);
      return this;
    }

    /** Points each request here spends in every limit of this route (default 1). */
    public Route<R> cost(long points) {
      if (points < 1 || points > 1_000_000_000L) {
        throw new IllegalArgumentException(
            "route '" + pattern + "': cost must be between 1 and 1000000000, was " + points);
      }
      this.cost = points;
      return this;
    }

    boolean matches(String path, String method) {
      return pattern.matches(path) && (methods.isEmpty() || methods.contains(method));
    }

    /**
     * Limit {@code i} for its {@code key}. A client-address key ({@link AddressKey}) uses the
     * limiter's cache of address names; any other key may be a secret, and is hashed afresh and
     * never held.
     */
    RateLimiter.Target target(int i, String key) {
      RateLimiter limiter = limiters.get(i);
      return keys.get(i) instanceof AddressKey
          ? limiter.onAddress(key, cost)
          : limiter.on(key, cost);
    }

    /** Spends limit {@code i} for its {@code key}, as {@link #target} names it. */
    RateLimitDecision consume(
        int i, String key, @Nullable SessionLoad alongside, boolean outcomeOnly) {
      return limiters
          .get(i)
          .consume(alongside, key, keys.get(i) instanceof AddressKey, cost, outcomeOnly);
    }

    /** As {@link #consume}, without waiting for the store. */
    PendingDecision consumeLater(int i, String key, @Nullable SessionLoad alongside) {
      return limiters.get(i).consumeLater(alongside, key, keys.get(i) instanceof AddressKey, cost);
    }

    /** A built copy with its limiters; this specification stays as configured. */
    private Route<R> build(
        Builder<R> b, ProductionGate gate, RateLimitStore store, @Nullable Keyring keyring) {
      List<RateLimiter> built = new ArrayList<>();
      for (RateLimitPolicy p : policies) {
        if (cost > p.rule().limit()) {
          throw new IllegalArgumentException(
              "route '"
                  + pattern
                  + "': cost "
                  + cost
                  + " is more than policy '"
                  + p.name()
                  + "' allows at once ("
                  + p.rule().limit()
                  + "); every request would be refused");
        }
        RateLimiter.Builder limiter =
            RateLimiter.builder(p)
                .store(store)
                .clock(b.clock)
                .onStoreFailure(b.onFailure)
                .events(b.events)
                .gate(gate);
        built.add((keyring == null ? limiter : limiter.keyring(keyring)).build());
      }
      Route<R> route = new Route<>(pattern);
      route.policies.addAll(policies);
      route.keys.addAll(keys);
      route.methods = methods;
      route.cost = cost;
      route.limiters = List.copyOf(built);
      return route;
    }
  }

  /**
   * Builds {@link RateLimitRoutes}; all limiters share one store. Defaults: no routes, a bounded
   * in-memory store (development only), the system clock, fail closed when the store fails, events
   * to the {@code armet.security} logger, subjects hashed under {@code ARMET_SECRETS}.
   *
   * @param <R> the adapter's request type
   */
  public static final class Builder<R> {
    private final List<Route<R>> routes = new ArrayList<>();
    private @Nullable RateLimitStore store;
    private InstantSource clock = InstantSource.system();
    private StoreFailurePolicy onFailure = StoreFailurePolicy.failClosed();
    private SecurityEventSink events = SecurityEventSink.logging();
    private @Nullable Keyring keyring;
    private @Nullable ProductionGate gate;

    private Builder() {}

    /**
     * Limits for requests whose path matches {@code pattern} (a {@link PathPattern}).
     *
     * @throws IllegalArgumentException for a bad pattern, or a route with no limit
     */
    public Builder<R> route(String pattern, Consumer<Route<R>> config) {
      Route<R> spec = new Route<>(PathPattern.of(pattern));
      config.accept(spec);
      if (spec.policies.isEmpty()) {
        throw new IllegalArgumentException(
            "route '" + pattern + "' has no limit; add r.limit(policy)");
      }
      routes.add(spec);
      return this;
    }

    /**
     * Where counters live (default: one bounded {@link InMemoryRateLimitStore}, in development
     * only: production refuses an in-memory store).
     */
    public Builder<R> store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The time source (default the system clock). */
    public Builder<R> clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Default {@link StoreFailurePolicy#failClosed()}. */
    public Builder<R> onStoreFailure(StoreFailurePolicy policy) {
      this.onFailure = Objects.requireNonNull(policy, "onStoreFailure");
      return this;
    }

    /** Where the limiters' events go (default: the {@code armet.security} logger). */
    public Builder<R> events(SecurityEventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * The key subjects are hashed under (default: from {@code ARMET_SECRETS}, else, in development
     * only, random per process). Instances sharing a store must share it.
     */
    public Builder<R> keyring(Keyring keyring) {
      this.keyring = Objects.requireNonNull(keyring, "keyring");
      return this;
    }

    /**
     * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
     * gate(ProductionGate.of(environment))}.
     */
    public Builder<R> environment(ArmetEnvironment environment) {
      return gate(ProductionGate.of(Objects.requireNonNull(environment, "environment")));
    }

    /** The {@link ProductionGate} that decides (default: one for {@code ARMET_ENV}). */
    public Builder<R> gate(ProductionGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Builds the routes.
     *
     * @throws IllegalArgumentException for a policy name used twice, or a route cost above a
     *     policy's limit
     * @throws IllegalStateException in production, for an in-memory store or missing secrets
     */
    public RateLimitRoutes<R> build() {
      List<String> names = new ArrayList<>();
      for (Route<R> spec : routes) {
        for (RateLimitPolicy p : spec.policies) {
          if (names.contains(p.name())) {
            throw new IllegalArgumentException(
                "rate limit policy name '"
                    + p.name()
                    + "' is used twice; names key the counters, give each limit its own");
          }
          names.add(p.name());
        }
      }
      ProductionGate decides = gate != null ? gate : ProductionGate.of(null);
      RateLimitStore chosen = decides.rateLimitStore("rateLimits.store", store);
      Keyring subjects = decides.subjectKeyring("rateLimits.keyring", keyring);
      return new RateLimitRoutes<>(this, decides, chosen, subjects);
    }
  }
}
