package dev.armet.cli;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import dev.armet.spi.Stores;

/** In-memory {@link Stores} for tests that need no shared backend. */
final class MemoryStores implements Stores {
  private final SessionStore sessions = new MemorySessionStore();
  private final RateLimitStore rateLimits = InMemoryRateLimitStore.create();

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  @Override
  public String description() {
    return "memory";
  }

  @Override
  public void checkHealth() {}

  @Override
  public void close() {}
}
