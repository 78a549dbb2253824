package dev.armet.session;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;

/** A real store passed every call; tests extend it to count or interpose on some of them. */
abstract class ForwardingStore implements SessionStore {
  final SessionStore delegate;

  ForwardingStore(SessionStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<SessionRecord> load(String key) {
    return delegate.load(key);
  }

  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    return delegate.save(record, expectedVersion);
  }

  @Override
  public void touch(String key, Instant expiresAt) {
    delegate.touch(key, expiresAt);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public void deleteAllForUser(String userId) {
    delegate.deleteAllForUser(userId);
  }
}
