package dev.armet.internal.spi;

import dev.armet.spi.ObservedStores;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.spi.StoreObserver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A session store that reports each operation; see {@link ObservedStores}. */
public final class ObservedSessionStore implements SessionStore {
  private final SessionStore delegate;
  private final StoreObserver observer;
  private final boolean carriesLoads;

  public ObservedSessionStore(SessionStore delegate, StoreObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
    this.carriesLoads = preparesItsOwnLoads(delegate);
  }

  public SessionStore delegate() {
    return delegate;
  }

  /**
   * A store that prepares its own reads (to carry them with a rate-limit decision: Redis) keeps
   * doing so, and the read is reported when its result is taken ({@link ObservedSessionLoad}); any
   * other store's read is timed by {@link #load}.
   */
  @Override
  public SessionLoad prepareLoad(String key) {
    return carriesLoads
        ? new ObservedSessionLoad(delegate.prepareLoad(key), observer)
        : SessionLoad.deferred(this, key);
  }

  private static boolean preparesItsOwnLoads(SessionStore store) {
    try {
      return store.getClass().getMethod("prepareLoad", String.class).getDeclaringClass()
          != SessionStore.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("SessionStore declares prepareLoad(String)", e);
    }
  }

  @Override
  public Optional<SessionRecord> load(String key) {
    long start = System.nanoTime();
    try {
      Optional<SessionRecord> r = delegate.load(key);
      done("load", r.isPresent() ? "hit" : "miss", start);
      return r;
    } catch (RuntimeException e) {
      done("load", "error", start);
      throw e;
    }
  }

  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    long start = System.nanoTime();
    try {
      boolean written = delegate.save(record, expectedVersion);
      done("save", written ? "ok" : "conflict", start);
      return written;
    } catch (RuntimeException e) {
      done("save", "error", start);
      throw e;
    }
  }

  @Override
  public void touch(String key, Instant expiresAt) {
    timed("touch", () -> delegate.touch(key, expiresAt));
  }

  @Override
  public void delete(String key) {
    timed("delete", () -> delegate.delete(key));
  }

  @Override
  public void deleteAllForUser(String userId) {
    timed("delete_all_for_user", () -> delegate.deleteAllForUser(userId));
  }

  /** An operation with no answer: {@code ok}, or {@code error} and the store's exception. */
  private void timed(String operation, Runnable action) {
    long start = System.nanoTime();
    try {
      action.run();
    } catch (RuntimeException e) {
      done(operation, "error", start);
      throw e;
    }
    done(operation, "ok", start);
  }

  @Override
  public List<SessionRecord> listForUser(String userId) {
    long start = System.nanoTime();
    try {
      List<SessionRecord> list = delegate.listForUser(userId);
      done("list_for_user", "ok", start);
      return list;
    } catch (UnsupportedOperationException e) {
      throw e; // the store has no such operation: nothing ran, nothing to report
    } catch (RuntimeException e) {
      done("list_for_user", "error", start);
      throw e;
    }
  }

  private void done(String operation, String outcome, long start) {
    report(observer, ObservedStores.SESSIONS, operation, outcome, System.nanoTime() - start);
  }

  /** A failing observer never fails the store operation, nor turns a success into an error. */
  static void report(
      StoreObserver observer, String store, String operation, String outcome, long nanos) {
    try {
      observer.completed(store, operation, outcome, nanos);
    } catch (RuntimeException ignored) {
      // Metrics are best effort; the operation's own result is what the caller needs.
    }
  }

  @Override
  public String toString() {
    return "observed " + delegate;
  }
}
