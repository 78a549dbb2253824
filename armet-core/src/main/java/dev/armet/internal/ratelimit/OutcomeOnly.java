package dev.armet.internal.ratelimit;

import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.ratelimit.RateLimitRoutes;
import dev.armet.spi.SessionLoad;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Not API. {@link RateLimitRoutes#decide(String, String, Object, SessionLoad)} for an adapter that
 * reads an allowed decision's outcome only (the servlet limits without {@code RateLimit} headers on
 * allowed requests): an allowed decision on the in-memory store may then be one shared, immutable
 * object whose statuses are empty, so the common request makes no decision object (issue 18). A
 * refused or unavailable decision is always complete. The shared decision must never reach
 * application code.
 */
public final class OutcomeOnly {
  /** What {@code RateLimitRoutes} installs when its class is initialized. */
  public interface Decider {
    <R> @Nullable RateLimitDecision decide(
        RateLimitRoutes<R> routes,
        String method,
        String path,
        R request,
        @Nullable SessionLoad alongside);
  }

  private static volatile @Nullable Decider decider;

  private OutcomeOnly() {}

  /** Called once, by {@code RateLimitRoutes}; a second call is refused. */
  public static synchronized void install(Decider d) {
    if (decider != null) {
      throw new IllegalStateException("installed already");
    }
    decider = Objects.requireNonNull(d);
  }

  /**
   * The decision for {@code request}, null when no limit applies; when allowed, possibly the shared
   * decision, whose statuses must not be read.
   */
  public static <R> @Nullable RateLimitDecision decide(
      RateLimitRoutes<R> routes,
      String method,
      String path,
      R request,
      @Nullable SessionLoad alongside) {
    // The routes exist, so their class is initialized and installed the decider.
    return Objects.requireNonNull(decider).decide(routes, method, path, request, alongside);
  }
}
