package dev.armet.servlet;

import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.ratelimit.RateLimitStore;
import dev.armet.ratelimit.RateLimitStoreContract;

/**
 * Runs the store contract from armet-core's test jar in another module and package, exactly as
 * armet-redis and armet-jdbc will: proof that the suite is usable from there.
 */
class StoreContractFromTestJarTest extends RateLimitStoreContract {
  @Override
  protected RateLimitStore newStore() {
    return InMemoryRateLimitStore.create();
  }
}
