package dev.armet.servlet;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.http.PathPattern;
import dev.armet.internal.ratelimit.OutcomeOnly;
import dev.armet.internal.ratelimit.RateLimitHeaders;
import dev.armet.internal.servlet.RequestPaths;
import dev.armet.internal.servlet.RequestState;
import dev.armet.keys.Keyring;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.PendingDecision;
import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitRoutes;
import dev.armet.ratelimit.StoreFailurePolicy;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionLoad;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Per-route rate limits for servlet requests. {@link #begin} decides before the application runs:
 * every limit of every route that matches the path is consumed in one atomic decision (all must
 * pass; a refusal spends nothing anywhere). Refused: 429 with {@code Retry-After} and the {@code
 * RateLimit-Policy}/{@code RateLimit} headers, and the application is not called. Store failed and
 * failing closed: 503 with {@code Retry-After}.
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
  private final RateLimitRoutes<HttpServletRequest> routes;
  private final boolean headersOnAllowed;
  private final SecurityEventSink events;

  private HttpRateLimits(Builder b) {
    this.headersOnAllowed = b.headersOnAllowed;
    this.events = EventGate.gated(b.events); // a flood must not become a log flood
    this.routes = b.routes.events(b.events).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The store every limit here uses (start-up checks refuse an in-memory one in production). */
  public RateLimitStore store() {
    return routes.store();
  }

  /**
   * Decides for {@code request}. Returns true to continue to the application; false when the
   * response has been written (429 or 503). Counts each request once, even across dispatches.
   */
  public boolean begin(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return begin(request, response, null);
  }

  /**
   * As {@link #begin(HttpServletRequest, HttpServletResponse)}, letting the store send this
   * request's session read ({@link dev.armet.session.SessionLookup#load()}) in the same round trip
   * as the decision.
   *
   * @param alongside the session read to carry, or null
   */
  public boolean begin(
      HttpServletRequest request, HttpServletResponse response, @Nullable SessionLoad alongside)
      throws IOException {
    if (!RequestState.of(request).markRateLimited()) {
      return true;
    }
    String path = RequestPaths.contextRelative(request);
    if (!headersOnAllowed) {
      // Only an allowed decision's outcome is read: it may be the shared one (issue 18).
      RateLimitDecision decided =
          OutcomeOnly.decide(routes, request.getMethod(), path, request, alongside);
      return decided == null || answer(request, response, path, decided);
    }
    Optional<RateLimitDecision> decided =
        routes.decide(request.getMethod(), path, request, alongside);
    return decided.isEmpty() || answer(request, response, path, decided.get());
  }

  /**
   * As {@link #begin(HttpServletRequest, HttpServletResponse, SessionLoad)}, sending the store's
   * round trip without waiting ({@link RateLimitRoutes#decideLater}): the filter's asynchronous
   * path. Null when the request goes on without a decision (no limit applies, or it was decided
   * already); else {@link #finish} answers, once the decision {@link PendingDecision#isAnswered}.
   */
  @Nullable PendingDecision decideLater(
      HttpServletRequest request, @Nullable SessionLoad alongside) {
    if (!RequestState.of(request).markRateLimited()) {
      return null;
    }
    String path = RequestPaths.contextRelative(request);
    return routes.decideLater(request.getMethod(), path, request, alongside).orElse(null);
  }

  /** What {@link #begin} does with the decision, for one from {@link #decideLater}. */
  boolean finish(HttpServletRequest request, HttpServletResponse response, PendingDecision pending)
      throws IOException {
    return answer(request, response, RequestPaths.contextRelative(request), pending.decision());
  }

  /** True to go on; false when the refusal (429 or 503) has been written. */
  private boolean answer(
      HttpServletRequest request,
      HttpServletResponse response,
      String path,
      RateLimitDecision decision)
      throws IOException {
    if (decision.isAllowed()) {
      if (headersOnAllowed) {
        RateLimitHeaders.write(decision, true, response::setHeader);
      }
      return true;
    }
    boolean refused = decision.outcome() == RateLimitDecision.Outcome.REFUSED;
    SecurityEvent event =
        SecurityEvent.of(
            refused ? "excess_rate_limit_exceeded" : "excess_rate_limit_store_unavailable");
    events.record(
        event
            .request(ClientAddressRequest.of(request).address(), RequestEvents.uri(request))
            .with("disposition", refused ? "refused" : null)
            .with("path", path)
            .with("retryAfterSeconds", decision.retryAfter().toSeconds()));
    response.resetBuffer();
    response.setStatus(refused ? 429 : 503);
    RateLimitHeaders.write(decision, true, response::setHeader);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/plain;charset=utf-8");
    byte[] body =
        (refused ? "Too Many Requests\n" : "Service Unavailable\n")
            .getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
    return false;
  }

  /**
   * Builds {@link HttpRateLimits}; all limiters share one store. The route matching and the
   * production checks are core's ({@link RateLimitRoutes}, {@link ProductionGate}).
   */
  public static final class Builder {
    final RateLimitRoutes.Builder<HttpServletRequest> routes = RateLimitRoutes.builder();
    SecurityEventSink events = SecurityEventSink.logging();
    boolean headersOnAllowed;

    private Builder() {}

    /** Limits for requests whose path matches {@code pattern} (a {@link PathPattern}). */
    public Builder route(String pattern, Consumer<RateLimitRoute> config) {
      Objects.requireNonNull(config, "config");
      routes.route(pattern, r -> config.accept(new RateLimitRoute(r)));
      return this;
    }

    /**
     * Where counters live (default: one bounded {@link InMemoryRateLimitStore}, in development
     * only: production refuses an in-memory store).
     */
    public Builder store(RateLimitStore store) {
      routes.store(store);
      return this;
    }

    public Builder clock(InstantSource clock) {
      routes.clock(clock);
      return this;
    }

    /** Default {@link StoreFailurePolicy#failClosed()}: 503 while the store is down. */
    public Builder onStoreFailure(StoreFailurePolicy policy) {
      routes.onStoreFailure(policy);
      return this;
    }

    public Builder events(SecurityEventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * The key the subjects (client addresses, API keys) are hashed under in the store and the logs
     * (default: from {@code ARMET_SECRETS}, else, in development only, random per process).
     * Instances sharing a store must share it.
     */
    public Builder keyring(Keyring keyring) {
      routes.keyring(keyring);
      return this;
    }

    /**
     * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
     * gate(ProductionGate.of(environment))}.
     */
    public Builder environment(ArmetEnvironment environment) {
      routes.environment(environment);
      return this;
    }

    /** The {@link ProductionGate} that decides (default: one for {@code ARMET_ENV}). */
    public Builder gate(ProductionGate gate) {
      routes.gate(gate);
      return this;
    }

    /**
     * Also send {@code RateLimit-Policy}/{@code RateLimit} on allowed responses (default false).
     */
    public Builder headersOnAllowed(boolean on) {
      this.headersOnAllowed = on;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @throws IllegalArgumentException for a policy name used twice, or a route cost above a
     *     policy's limit
     * @throws IllegalStateException in production, for an in-memory store or missing secrets
     */
    public HttpRateLimits build() {
      return new HttpRateLimits(this);
    }
  }
}
