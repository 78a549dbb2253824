package dev.armet.internal.spi;

import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.StoreObserver;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A rate-limit store that reports each command; see {@link ObservedStores}. */
public final class ObservedRateLimitStore implements RateLimitStore {
  private static final Map<RateLimitCommand.Operation, String> NAMES = names();
  private final RateLimitStore delegate;
  private final StoreObserver observer;

  public ObservedRateLimitStore(RateLimitStore delegate, StoreObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  public RateLimitStore delegate() {
    return delegate;
  }

  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command) {
    return observed(command, () -> delegate.execute(command));
  }

  /** Forwards the carried session read, so observing a store keeps its one round trip. */
  @Override
  public RateLimitCommand.Result execute(
      RateLimitCommand command, @Nullable SessionLoad alongside) {
    SessionLoad own = alongside == null ? null : ObservedSessionLoad.unwrap(alongside);
    return observed(command, () -> delegate.execute(command, own));
  }

  private RateLimitCommand.Result observed(
      RateLimitCommand command, Supplier<RateLimitCommand.Result> call) {
    String op = Objects.requireNonNull(NAMES.get(command.operation()));
    long start = System.nanoTime();
    RateLimitCommand.Result r;
    try {
      r = call.get();
    } catch (RuntimeException e) {
      ObservedSessionStore.report(
          observer, ObservedStores.RATE_LIMITS, op, "error", System.nanoTime() - start);
      throw e;
    }
    String outcome =
        command.operation() != RateLimitCommand.Operation.CONSUME
            ? "ok"
            : r.allowed() ? "allowed" : "refused";
    ObservedSessionStore.report(
        observer, ObservedStores.RATE_LIMITS, op, outcome, System.nanoTime() - start);
    return r;
  }

  private static Map<RateLimitCommand.Operation, String> names() {
    Map<RateLimitCommand.Operation, String> names = new EnumMap<>(RateLimitCommand.Operation.class);
    for (RateLimitCommand.Operation op : RateLimitCommand.Operation.values()) {
      names.put(op, op.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  @Override
  public String toString() {
    return "observed " + delegate;
  }
}
