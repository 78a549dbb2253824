package dev.armet.ratelimit;

import dev.armet.spi.RateLimitStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a limiter does when its store fails (timeout, lost connection): fail closed, refusing with
 * 503 (the default), or decide with an in-memory "insurance" store until the store is back, as
 * rate-limiter-flexible does. Either way, no request waits past the store's timeout, and every
 * failure is recorded as a {@code excess_rate_limit_store_unavailable} event.
 *
 * <pre>{@code
 * RateLimiter.builder(policy).store(redis)
 *     .onStoreFailure(StoreFailurePolicy.insurance(InMemoryRateLimitStore.create()));
 * }</pre>
 */
public final class StoreFailurePolicy {
  private final @Nullable RateLimitStore insurance;

  private StoreFailurePolicy(@Nullable RateLimitStore insurance) {
    this.insurance = insurance;
  }

  /** Refuse every request with 503 while the store is failing. */
  public static StoreFailurePolicy failClosed() {
    return new StoreFailurePolicy(null);
  }

  /**
   * Decide with {@code store} (per instance, so each instance admits up to the limit on its own)
   * while the main store is failing.
   */
  public static StoreFailurePolicy insurance(RateLimitStore store) {
    return new StoreFailurePolicy(Objects.requireNonNull(store, "insurance store"));
  }

  @Nullable RateLimitStore insuranceStore() {
    return insurance;
  }

  @Override
  public String toString() {
    return insurance == null ? "fail closed" : "insurance store";
  }
}
