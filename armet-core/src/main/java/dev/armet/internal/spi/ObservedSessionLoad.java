package dev.armet.internal.spi;

import dev.armet.spi.ObservedStores;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.StoreObserver;
import java.util.Optional;

/**
 * A session read a store prepared itself (Redis, to carry it with the rate-limit decision),
 * reported as a {@code load} when its result is taken: every read is counted, whether a decision
 * carried it or it went out on its own. The time reported is what taking the result cost this
 * request: the whole round trip for a read on its own, about nothing for a carried one (its network
 * time is in the decision's). {@link ObservedRateLimitStore} hands the store its own read back, so
 * observing keeps the one round trip.
 */
final class ObservedSessionLoad implements SessionLoad {
  private final SessionLoad prepared;
  private final StoreObserver observer;
  private boolean reported;

  ObservedSessionLoad(SessionLoad prepared, StoreObserver observer) {
    this.prepared = prepared;
    this.observer = observer;
  }

  /** What the store prepared, for the store that may carry it. */
  static SessionLoad unwrap(SessionLoad load) {
    return load instanceof ObservedSessionLoad observed ? observed.prepared : load;
  }

  @Override
  public String key() {
    return prepared.key();
  }

  @Override
  public Optional<SessionRecord> result() {
    if (reported) {
      return prepared.result();
    }
    long start = System.nanoTime();
    try {
      Optional<SessionRecord> r = prepared.result();
      report(r.isPresent() ? "hit" : "miss", start);
      return r;
    } catch (RuntimeException e) {
      report("error", start);
      throw e;
    }
  }

  private void report(String outcome, long start) {
    reported = true;
    ObservedSessionStore.report(
        observer, ObservedStores.SESSIONS, "load", outcome, System.nanoTime() - start);
  }
}
