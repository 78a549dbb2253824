package dev.armet.session;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store wrapped to count calls, so tests can assert "no work for nobody". */
final class CountingStore extends ForwardingStore {
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();
  final AtomicInteger touches = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();

  CountingStore(SessionStore delegate) {
    super(delegate);
  }

  @Override
  public Optional<SessionRecord> load(String key) {
    loads.incrementAndGet();
    return delegate.load(key);
  }

  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    saves.incrementAndGet();
    return delegate.save(record, expectedVersion);
  }

  @Override
  public void touch(String key, Instant expiresAt) {
    touches.incrementAndGet();
    delegate.touch(key, expiresAt);
  }

  @Override
  public void delete(String key) {
    deletes.incrementAndGet();
    delegate.delete(key);
  }
}
