package dev.armet.ratelimit;

import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitStore;
import java.util.List;

/** The observed decoration keeps the rate-limit store contract (see ObservedStoresTest). */
class ObservedRateLimitStoreContractTest extends RateLimitStoreContract {
  @Override
  protected RateLimitStore newStore() {
    return ObservedStores.rateLimits(InMemoryRateLimitStore.create(), (s, op, o, nanos) -> {});
  }

  @Override
  protected List<String> storedText(RateLimitStore store) {
    return ((InMemoryRateLimitStore) ObservedStores.unwrap(store)).keys();
  }
}
