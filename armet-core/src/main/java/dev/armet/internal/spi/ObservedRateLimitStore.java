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
import java.util.concurrent.CompletableFuture;
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

  /** Forwarded too, or observing a store would make its asynchronous calls blocking ones. */
  @Override
  public CompletableFuture<RateLimitCommand.Result> executeAsync(
      RateLimitCommand command, @Nullable SessionLoad alongside) {
    SessionLoad own = alongside == null ? null : ObservedSessionLoad.unwrap(alongside);
    long start = System.nanoTime();
    // The caller gets the stage that completes after the report, with the store's own outcome.
    return delegate
        .executeAsync(command, own)
        .whenComplete(
            (r, failure) ->
                ObservedSessionStore.report(
                    observer,
                    ObservedStores.RATE_LIMITS,
                    Objects.requireNonNull(NAMES.get(command.operation())),
                    failure != null ? "error" : outcome(command, r),
                    System.nanoTime() - start));
  }

  private static String outcome(RateLimitCommand command, RateLimitCommand.Result r) {
    return command.operation() != RateLimitCommand.Operation.CONSUME
        ? "ok"
        : r.allowed() ? "allowed" : "refused";
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
    ObservedSessionStore.report(
        observer, ObservedStores.RATE_LIMITS, op, outcome(command, r), System.nanoTime() - start);
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
