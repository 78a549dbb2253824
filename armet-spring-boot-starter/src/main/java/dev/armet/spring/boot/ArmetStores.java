package dev.armet.spring.boot;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import dev.armet.spi.StoreObserver;
import java.util.Objects;

/**
 * The session and rate-limit stores the starter's components share, chosen by {@code armet.store}.
 * Replace the bean to bring stores of your own.
 */
public final class ArmetStores implements AutoCloseable {
  private final String kind;
  private final SessionStore sessions;
  private final RateLimitStore rateLimits;
  private final AutoCloseable owner;

  /**
   * @param kind what the store is, for the start-up report and {@code /actuator/armet} (never a
   *     password: URIs are masked)
   * @param owner closed with the application context, or null when the application owns it
   */
  public ArmetStores(
      String kind, SessionStore sessions, RateLimitStore rateLimits, AutoCloseable owner) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
    this.owner = owner;
  }

  /** Bounded in-memory stores: one instance only, lost on restart; refused in production. */
  public static ArmetStores memory() {
    return new ArmetStores(
        "memory", new MemorySessionStore(), InMemoryRateLimitStore.create(), null);
  }

  public String kind() {
    return kind;
  }

  public SessionStore sessions() {
    return sessions;
  }

  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  public boolean isMemory() {
    return ObservedStores.unwrap(sessions) instanceof MemorySessionStore;
  }

  /**
   * These stores, each operation reported to {@code observer} (the starter's Micrometer timer
   * {@code armet.store.operations}); same kind and owner. A store that is observed already is kept
   * as it is ({@link ObservedStores}), so decorating twice never counts twice.
   */
  public ArmetStores decorated(StoreObserver observer) {
    return new ArmetStores(
        kind,
        ObservedStores.sessions(sessions, observer),
        ObservedStores.rateLimits(rateLimits, observer),
        owner);
  }

  @Override
  public void close() throws Exception {
    if (owner != null) {
      owner.close();
    }
  }
}
