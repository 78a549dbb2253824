package dev.armet.session;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store that runs a step of another request just before its next write, so a race between two
 * requests is played in one fixed order, every time, with no threads and no sleeps.
 */
final class InterleavingStore extends ForwardingStore {
  private final AtomicReference<Runnable> beforeNextWrite = new AtomicReference<>();

  InterleavingStore(SessionStore delegate) {
    super(delegate);
  }

  /** Runs {@code step} once, just before the next write reaches the real store. */
  void beforeNextWrite(Runnable step) {
    beforeNextWrite.set(step);
  }

  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    Runnable step = beforeNextWrite.getAndSet(null);
    if (step != null) {
      step.run();
    }
    return delegate.save(record, expectedVersion);
  }
}
