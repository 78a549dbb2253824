package dev.armet.demo;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the demo keeps its state: sessions, the per-route rate-limit counters, the login throttle's
 * counters, and the SQL database of its accounts and notes (by default an embedded SQLite file in
 * the data folder). The one place a shared backend (Redis, JDBC) is plugged in, so that every
 * instance of the demo shares sessions, limits and lock-outs.
 *
 * <p>The in-memory stores are per process and lost on restart; production mode refuses them when
 * the demo starts, naming the stores to use instead.
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
  private final DataSource accounts;

  private DemoStores(
      SessionStore sessions,
      RateLimitStore rateLimits,
      RateLimitStore loginThrottle,
      DataSource accounts) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
    this.loginThrottle = Objects.requireNonNull(loginThrottle, "loginThrottle");
    this.accounts = accounts;
  }

  /**
   * These stores. One rate-limit store may serve both limits and the throttle: their policy names
   * ({@code login-posts}, {@code login-pair}, …) keep the counters apart.
   */
  public static DemoStores of(
      SessionStore sessions, RateLimitStore rateLimits, RateLimitStore loginThrottle) {
    return new DemoStores(sessions, rateLimits, loginThrottle, null);
  }

  /**
   * These stores with the accounts and notes in {@code accounts} (PostgreSQL, MariaDB or SQLite;
   * the demo creates its {@code demo_*} tables there). Without it they live in {@code DIR/demo.db},
   * an embedded SQLite file in the data folder.
   */
  public DemoStores withAccounts(DataSource accounts) {
    return new DemoStores(
        sessions, rateLimits, loginThrottle, Objects.requireNonNull(accounts, "accounts"));
  }

  /** Fresh, bounded in-memory stores: development only. */
  public static DemoStores inMemory() {
    InMemoryRateLimitStore limits = InMemoryRateLimitStore.create();
    return new DemoStores(new MemorySessionStore(), limits, limits, null);
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

  /** The database of accounts and notes, if one was given ({@link #withAccounts}). */
  public java.util.Optional<DataSource> accounts() {
    return java.util.Optional.ofNullable(accounts);
  }
}
