package dev.armet.servlet;

import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.http.PathPattern;
import dev.armet.keys.Keyring;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitHeaders;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimitStore;
import dev.armet.ratelimit.RateLimiter;
import dev.armet.ratelimit.StoreFailurePolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Per-route rate limits for servlet requests. {@link #begin} decides before the application
 * runs: every limit of every route that matches the path is consumed in one atomic decision
 * (all must pass; a refusal spends nothing anywhere). Refused: 429 with {@code Retry-After} and
 * the {@code RateLimit-Policy}/{@code RateLimit} headers, and the application is not called.
 * Store failed and failing closed: 503 with {@code Retry-After}.
 *
 * <pre>{@code
 * HttpRateLimits limits = HttpRateLimits.builder()
 *     .route("/*", r -> r.limit(RateLimitPolicy.tokenBucket("all", 300, Duration.ofMinutes(1))))
 *     .route("/api/*", r -> r.limit(apiPolicy, RequestKey.header("X-Api-Key")))
 *     .build();
 * if (!limits.begin(request, response)) return;   // already answered
 * }</pre>
 */
public final class HttpRateLimits {
  private static final String SEEN = HttpRateLimits.class.getName() + ".seen";

  private final List<Route> routes;
  private final RateLimitStore store;
  private final boolean headersOnAllowed;
  private final SecurityEventSink events;

  private HttpRateLimits(Builder b) {
    this.headersOnAllowed = b.headersOnAllowed;
    this.events = EventGate.gated(b.events); // a flood must not become a log flood
    this.store = b.store;
    List<Route> built = new ArrayList<>();
    for (RateLimitRoute spec : b.routes) {
      built.add(spec.build(b));
    }
    this.routes = List.copyOf(built);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The store every limit here uses (start-up checks refuse an in-memory one in production). */
  public RateLimitStore store() {
    return store;
  }

  /**
   * Decides for {@code request}. Returns true to continue to the application; false when the
   * response has been written (429 or 503). Counts each request once, even across dispatches.
   */
  public boolean begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getAttribute(SEEN) != null) {
      return true;
    }
    request.setAttribute(SEEN, Boolean.TRUE);
    String path = RequestPaths.contextRelative(request);
    List<RateLimiter.Target> targets = new ArrayList<>(2);
    for (Route route : routes) {
      if (route.matches(path, request.getMethod())) {
        route.addTargets(request, targets);
      }
    }
    if (targets.isEmpty()) {
      return true;
    }
    RateLimitDecision decision = RateLimiter.consumeAll(targets.toArray(new RateLimiter.Target[0]));
    if (decision.isAllowed()) {
      if (headersOnAllowed) {
        RateLimitHeaders.write(decision, true, response::setHeader);
      }
      return true;
    }
    boolean refused = decision.outcome() == RateLimitDecision.Outcome.REFUSED;
    SecurityEvent event = SecurityEvent.of(refused ? "excess_rate_limit_exceeded"
        : "excess_rate_limit_store_unavailable");
    events.record(event.request(ClientAddressRequest.of(request).address(), RequestEvents.uri(request))
        .with("disposition", refused ? "refused" : null).with("path", path)
        .with("retryAfterSeconds", decision.retryAfter().toSeconds()));
    response.resetBuffer();
    response.setStatus(refused ? 429 : 503);
    RateLimitHeaders.write(decision, true, response::setHeader);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/plain;charset=utf-8");
    byte[] body = (refused ? "Too Many Requests\n" : "Service Unavailable\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
    return false;
  }

  /** Builds {@link HttpRateLimits}; all limiters share one store. */
  public static final class Builder {
    final List<RateLimitRoute> routes = new ArrayList<>();
    RateLimitStore store;
    InstantSource clock = InstantSource.system();
    StoreFailurePolicy onFailure = StoreFailurePolicy.failClosed();
    SecurityEventSink events = SecurityEventSink.logging();
    boolean headersOnAllowed;
    Keyring keyring;

    private Builder() {}

    /** Limits for requests whose path matches {@code pattern} (a {@link PathPattern}). */
    public Builder route(String pattern, Consumer<RateLimitRoute> config) {
      RateLimitRoute spec = new RateLimitRoute(PathPattern.of(pattern));
      config.accept(spec);
      if (spec.isEmpty()) {
        throw new IllegalArgumentException("route '" + pattern + "' has no limit; add r.limit(policy)");
      }
      routes.add(spec);
      return this;
    }

    /** Where counters live (default: one bounded {@link InMemoryRateLimitStore}). */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Default {@link StoreFailurePolicy#failClosed()}: 503 while the store is down. */
    public Builder onStoreFailure(StoreFailurePolicy policy) {
      this.onFailure = Objects.requireNonNull(policy, "onStoreFailure");
      return this;
    }

    public Builder events(SecurityEventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * The key the subjects (client addresses, API keys) are hashed under in the store and the
     * logs (default: from {@code ARMET_SECRETS}, else random per process). Instances sharing a
     * store must share it.
     */
    public Builder keyring(Keyring keyring) {
      this.keyring = Objects.requireNonNull(keyring, "keyring");
      return this;
    }

    /** Also send {@code RateLimit-Policy}/{@code RateLimit} on allowed responses (default false). */
    public Builder headersOnAllowed(boolean on) {
      this.headersOnAllowed = on;
      return this;
    }

    public HttpRateLimits build() {
      if (store == null) {
        store = InMemoryRateLimitStore.create();
      }
      List<String> names = new ArrayList<>();
      for (RateLimitRoute spec : routes) {
        for (RateLimitPolicy p : spec.policies()) {
          if (names.contains(p.name())) {
            throw new IllegalArgumentException("rate limit policy name '" + p.name()
                + "' is used twice; names key the counters, give each limit its own");
          }
          names.add(p.name());
        }
      }
      return new HttpRateLimits(this);
    }
  }
}
