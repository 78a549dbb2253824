package dev.armet.servlet;

import dev.armet.spi.StoreObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code armet.store.operations{store,op,outcome}} on one registry. The timers are looked up once
 * per tag combination (a few dozen, all from closed sets), not once per operation: this runs on
 * every request that touches a store.
 */
final class StoreTimers implements StoreObserver {
  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  StoreTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void completed(String store, String operation, String outcome, long nanos) {
    timers
        .computeIfAbsent(
            store + ' ' + operation + ' ' + outcome,
            k ->
                Timer.builder("armet.store.operations")
                    .description("Operations on Armet's stores")
                    .tag("store", store)
                    .tag("op", operation)
                    .tag("outcome", outcome)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
