package dev.armet.spring.boot.metrics;

import dev.armet.servlet.ArmetMetrics;
import dev.armet.spi.StoreObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * Times the starter's store operations as {@code armet.store.operations{store,op,outcome}} on the
 * application's {@link MeterRegistry} (see {@link ArmetMetrics#storeObserver}). The registry is
 * looked up at the first operation, then kept: this runs on every request that reads a session.
 * Only loaded when Micrometer is on the class path.
 */
public final class ArmetStoreMeters implements StoreObserver {
  private final Supplier<MeterRegistry> registry;
  private volatile StoreObserver timers;

  public ArmetStoreMeters(Supplier<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public void completed(String store, String operation, String outcome, long nanos) {
    StoreObserver t = timers;
    if (t == null) {
      MeterRegistry r = registry.get();
      if (r == null) {
        return; // Micrometer without a registry bean: nothing to record on
      }
      t = ArmetMetrics.storeObserver(r);
      timers = t;
    }
    t.completed(store, operation, outcome, nanos);
  }
}
