package dev.armet.demo;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.spi.RateLimitStore;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.SessionStore;
import java.util.Objects;

/**
 * Where the demo keeps its state: sessions, the per-route rate-limit counters, and the login
 * throttle's counters. The one place a shared backend (Redis, JDBC) is plugged in, so that every
 * instance of the demo shares sessions, limits and lock-outs.
 *
 * <p>The in-memory stores are per process and lost on restart; production mode refuses them
 * when the demo starts, naming the stores to use instead.
 *
 * <pre>{@code
 * DemoStores stores = DemoStores.of(redisSessions, redisLimits, redisLimits);
 * DemoApplication.create(stores, SecurityEventSink.logging(), c -> c.httpsPort(8443));
 * }</pre>
 */
public final class DemoStores {
  private final SessionStore sessions;
  private final RateLimitStore rateLimits;
  private final RateLimitStore loginThrottle;

  private DemoStores(SessionStore sessions, RateLimitStore rateLimits, RateLimitStore loginThrottle) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
    this.loginThrottle = Objects.requireNonNull(loginThrottle, "loginThrottle");
  }

  /**
   * These stores. One rate-limit store may serve both limits and the throttle: their policy
   * names ({@code login-posts}, {@code login-pair}, …) keep the counters apart.
   */
  public static DemoStores of(SessionStore sessions, RateLimitStore rateLimits, RateLimitStore loginThrottle) {
    return new DemoStores(sessions, rateLimits, loginThrottle);
  }

  /** Fresh, bounded in-memory stores: development only. */
  public static DemoStores inMemory() {
    InMemoryRateLimitStore limits = InMemoryRateLimitStore.create();
    return new DemoStores(new MemorySessionStore(), limits, limits);
  }

  public SessionStore sessions() {
    return sessions;
  }

  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  public RateLimitStore loginThrottle() {
    return loginThrottle;
  }
}
