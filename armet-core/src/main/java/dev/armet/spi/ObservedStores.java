package dev.armet.spi;

import dev.armet.internal.spi.ObservedRateLimitStore;
import dev.armet.internal.spi.ObservedSessionStore;
import java.util.Objects;

/**
 * Decorates a session or rate-limit store so that each operation is reported to a {@link
 * StoreObserver} (timed, with its outcome), changing nothing else: the decorated store keeps the
 * {@link SessionStore} and {@link RateLimitStore} contracts, and the exceptions of the store it
 * wraps.
 *
 * <p>A store is observed once: decorating a store that is already observed returns it as it is, so
 * the servlet filter and the Spring Boot starter can both ask for observation and an operation is
 * still counted once. {@link #unwrap} gives the store underneath (the production checks look
 * through the decoration: an observed in-memory store is still in-memory).
 *
 * <pre>{@code
 * SessionStore sessions = ObservedStores.sessions(redis.sessions(), observer);
 * ServerSessions.create(s -> s.store(sessions).keyring(keys));
 * }</pre>
 */
public final class ObservedStores {
  /** The {@code store} a session store's operations are reported under. */
  public static final String SESSIONS = "sessions";

  /** The {@code store} a rate-limit store's operations are reported under. */
  public static final String RATE_LIMITS = "rate_limits";

  private ObservedStores() {}

  /**
   * {@code store}, reporting each operation to {@code observer}; {@code store} itself if observed
   * already.
   */
  public static SessionStore sessions(SessionStore store, StoreObserver observer) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(observer, "observer");
    return isObserved(store) ? store : new ObservedSessionStore(store, observer);
  }

  /**
   * {@code store}, reporting each command to {@code observer}; {@code store} itself if observed
   * already.
   */
  public static RateLimitStore rateLimits(RateLimitStore store, StoreObserver observer) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(observer, "observer");
    return isObserved(store) ? store : new ObservedRateLimitStore(store, observer);
  }

  /** Whether {@code store} is a decoration made here. */
  public static boolean isObserved(Object store) {
    return store instanceof ObservedSessionStore || store instanceof ObservedRateLimitStore;
  }

  /** The store under the decoration, or {@code store} itself when it is not decorated. */
  public static SessionStore unwrap(SessionStore store) {
    return store instanceof ObservedSessionStore o ? o.delegate() : store;
  }

  /** The store under the decoration, or {@code store} itself when it is not decorated. */
  public static RateLimitStore unwrap(RateLimitStore store) {
    return store instanceof ObservedRateLimitStore o ? o.delegate() : store;
  }
}
