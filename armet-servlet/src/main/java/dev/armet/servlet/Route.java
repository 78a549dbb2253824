package dev.armet.servlet;

import dev.armet.internal.http.PathPattern;
import dev.armet.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/** One route's limits: a path pattern, optional methods, (policy, key) pairs and a cost. */
final class Route {
  private final PathPattern pattern;
  private final Set<String> methods;
  private final List<RateLimiter> limiters;
  private final List<RequestKey> keys;
  private final long cost;

  Route(PathPattern pattern, Set<String> methods, List<RateLimiter> limiters, List<RequestKey> keys,
      long cost) {
    this.cost = cost;
    this.pattern = pattern;
    this.methods = methods;
    this.limiters = limiters;
    this.keys = keys;
  }

  boolean matches(String path, String method) {
    return pattern.matches(path) && (methods.isEmpty() || methods.contains(method));
  }

  void addTargets(HttpServletRequest request, List<RateLimiter.Target> out) {
    for (int i = 0; i < limiters.size(); i++) {
      String key = keys.get(i).of(request);
      if (key != null) {
        out.add(limiters.get(i).on(key, cost));
      }
    }
  }
}
