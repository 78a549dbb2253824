package dev.armet.spring.boot.metrics;

import dev.armet.event.SecurityEvent;
import dev.armet.servlet.ArmetMetrics;
import dev.armet.spring.boot.ArmetEventObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * Counts every Armet security event on the application's {@link MeterRegistry}, with the meters and
 * bounded tags of {@link ArmetMetrics}. Only loaded when Micrometer is on the class path.
 */
public final class ArmetMeters implements ArmetEventObserver {
  private final Supplier<MeterRegistry> registry;

  public ArmetMeters(Supplier<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public void observe(SecurityEvent event) {
    MeterRegistry r = registry.get();
    if (r != null) {
      ArmetMetrics.count(r, event);
    }
  }
}
