package dev.armet.servlet;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitStoreContract;
import dev.armet.spi.RateLimitStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the store contract from armet-core's test jar in another module and package, exactly as
 * armet-redis and armet-jdbc will: proof that the suite is usable from there.
 */
class StoreContractFromTestJarTest extends RateLimitStoreContract {
  private final List<String> sent = new CopyOnWriteArrayList<>();

  /** The in-memory store, recording every key sent to it (a superset of what it holds). */
  @Override
  protected RateLimitStore newStore() {
    RateLimitStore real = InMemoryRateLimitStore.create();
    return command -> {
      sent.addAll(command.keys());
      return real.execute(command);
    };
  }

  @Override
  protected List<String> storedText(RateLimitStore store) {
    return sent;
  }
}
