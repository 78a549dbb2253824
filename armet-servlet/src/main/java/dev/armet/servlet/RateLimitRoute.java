package dev.armet.servlet;

import dev.armet.internal.http.PathPattern;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.ratelimit.RateLimiter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The limits of one route of {@link HttpRateLimits}: policies with what each counts by, and
 * optionally the methods they apply to and the points a request costs.
 *
 * <pre>{@code
 * .route("/login", r -> r.methods("POST")
 *     .limit(RateLimitPolicy.fixedWindow("login", 10, Duration.ofMinutes(1))))
 * }</pre>
 */
public final class RateLimitRoute {
  private final PathPattern pattern;
  private final List<RateLimitPolicy> policies = new ArrayList<>();
  private final List<RequestKey> keys = new ArrayList<>();
  private Set<String> methods = Set.of();
  private long cost = 1;

  RateLimitRoute(PathPattern pattern) {
    this.pattern = pattern;
  }

  /** Limits by client address (IPv6 by /64). */
  public RateLimitRoute limit(RateLimitPolicy policy) {
    return limit(policy, RequestKey.clientAddress());
  }

  /** Limits by {@code key}. */
  public RateLimitRoute limit(RateLimitPolicy policy, RequestKey key) {
    policies.add(Objects.requireNonNull(policy, "policy"));
    keys.add(Objects.requireNonNull(key, "key"));
    return this;
  }

  /** Only these methods (e.g. {@code "POST"}); default all. */
  public RateLimitRoute methods(String... methods) {
    Set<String> set = new HashSet<>();
    for (String m : methods) {
      set.add(m.toUpperCase(Locale.ROOT));
    }
    this.methods = Set.copyOf(set);
    return this;
  }

  /** Points each request here spends in every limit of this route (default 1). */
  public RateLimitRoute cost(long points) {
    if (points < 1 || points > 1_000_000_000L) {
      throw new IllegalArgumentException("route '" + pattern + "': cost must be between 1 and 1000000000, was " + points);
    }
    this.cost = points;
    return this;
  }

  boolean isEmpty() {
    return policies.isEmpty();
  }

  List<RateLimitPolicy> policies() {
    return policies;
  }

  Route build(HttpRateLimits.Builder b) {
    List<RateLimiter> limiters = new ArrayList<>();
    for (RateLimitPolicy p : policies) {
      if (cost > p.rule().limit()) {
        throw new IllegalArgumentException("route '" + pattern + "': cost " + cost
            + " is more than policy '" + p.name() + "' allows at once (" + p.rule().limit()
            + "); every request would be refused");
      }
      RateLimiter.Builder limiter = RateLimiter.builder(p).store(b.store).clock(b.clock)
          .onStoreFailure(b.onFailure).events(b.events);
      limiters.add((b.keyring == null ? limiter : limiter.keyring(b.keyring)).build());
    }
    return new Route(pattern, methods, List.copyOf(limiters), List.copyOf(keys), cost);
  }
}
