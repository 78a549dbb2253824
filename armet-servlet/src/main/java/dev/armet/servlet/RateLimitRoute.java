package dev.armet.servlet;

import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimitRoutes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * The limits of one route of {@link HttpRateLimits}: policies with what each counts by, and
 * optionally the methods they apply to and the points a request costs. The servlet face of {@link
 * RateLimitRoutes.Route}, which does the matching.
 *
 * <pre>{@code
 * .route("/login", r -> r.methods("POST")
 *     .limit(RateLimitPolicy.fixedWindow("login", 10, Duration.ofMinutes(1))))
 * }</pre>
 */
public final class RateLimitRoute {
  private final RateLimitRoutes.Route<HttpServletRequest> route;

  RateLimitRoute(RateLimitRoutes.Route<HttpServletRequest> route) {
    this.route = route;
  }

  /** Limits by client address (IPv6 by /64). */
  public RateLimitRoute limit(RateLimitPolicy policy) {
    return limit(policy, RequestKey.clientAddress());
  }

  /** Limits by {@code key}. */
  public RateLimitRoute limit(RateLimitPolicy policy, RequestKey key) {
    Objects.requireNonNull(key, "key");
    // The client-address key is passed as itself: an address key, whose names may be cached.
    route.limit(policy, key instanceof ClientAddressKey ? ClientAddressKey.INSTANCE : key::of);
    return this;
  }

  /** Only these methods (e.g. {@code "POST"}); default all. */
  public RateLimitRoute methods(String... methods) {
    route.methods(methods);
    return this;
  }

  /** Points each request here spends in every limit of this route (default 1). */
  public RateLimitRoute cost(long points) {
    route.cost(points);
    return this;
  }
}
