package dev.armet.internal.spi;

import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.StoreObserver;
import java.util.Locale;

/** A rate-limit store that reports each command; see {@link ObservedStores}. */
public final class ObservedRateLimitStore implements RateLimitStore {
  private static final String[] NAMES = names();
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
    String op = NAMES[command.operation().ordinal()];
    long start = System.nanoTime();
    RateLimitCommand.Result r;
    try {
      r = delegate.execute(command);
    } catch (RuntimeException e) {
      ObservedSessionStore.report(observer, ObservedStores.RATE_LIMITS, op, "error",
          System.nanoTime() - start);
      throw e;
    }
    String outcome = command.operation() != RateLimitCommand.Operation.CONSUME ? "ok"
        : r.allowed() ? "allowed" : "refused";
    ObservedSessionStore.report(observer, ObservedStores.RATE_LIMITS, op, outcome,
        System.nanoTime() - start);
    return r;
  }

  private static String[] names() {
    RateLimitCommand.Operation[] ops = RateLimitCommand.Operation.values();
    String[] names = new String[ops.length];
    for (RateLimitCommand.Operation op : ops) {
      names[op.ordinal()] = op.name().toLowerCase(Locale.ROOT);
    }
    return names;
  }

  @Override
  public String toString() {
    return "observed " + delegate;
  }
}
