package dev.armet.spring.boot.it;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;

/** Reads Armet's meters off the application's registry: sums over the tags not named. */
final class Meters {
  private Meters() {}

  /** The sum of the counters {@code name} with these tag pairs ({@code key, value, …}). */
  static double count(MeterRegistry registry, String name, String... tags) {
    return search(registry, name, tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** How many store operations {@code armet.store.operations} timed with these tags. */
  static long timed(MeterRegistry registry, String store, String op, String outcome) {
    return search(registry, "armet.store.operations", "store", store, "op", op, "outcome", outcome)
        .timers().stream().mapToLong(Timer::count).sum();
  }

  private static Search search(MeterRegistry registry, String name, String... tags) {
    return registry.find(name).tags(tags);
  }
}
