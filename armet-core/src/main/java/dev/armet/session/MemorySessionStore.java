package dev.armet.session;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Sessions in this process's memory, for development and tests. Bounded: at most {@code maxEntries}
 * records; expired ones are swept when the store is full, and if it is still full the record
 * closest to expiry is evicted (under concurrent writes the bound can be passed by at most the
 * number of writers at that moment). Refused in production ({@link ServerSessionsBuilder#build()}
 * fails at start-up), because sessions would be lost on restart and not shared between instances:
 * use the Redis ({@code armet-redis}) or JDBC ({@code armet-jdbc}) store.
 *
 * <pre>{@code
 * SessionStore store = new MemorySessionStore(10_000, Clock.systemUTC());
 * }</pre>
 */
public final class MemorySessionStore implements SessionStore {
  /** The default bound on stored sessions. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final Map<String, SessionRecord> records = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final Clock clock;

  /** A store of at most {@link #DEFAULT_MAX_ENTRIES} sessions on the system clock. */
  public MemorySessionStore() {
    this(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
  }

  /**
   * @throws IllegalArgumentException if {@code maxEntries < 1}
   */
  public MemorySessionStore(int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  @Override
  public Optional<SessionRecord> load(String key) {
    SessionRecord r = find(key);
    if (r != null && !r.expiresAt().isAfter(clock.instant())) {
      records.remove(key, r);
      return Optional.empty();
    }
    return Optional.ofNullable(r);
  }

  /**
   * What {@link #load} answers, or null, with no Optional and no Instant (issue 18), for {@code
   * ServerSessions}: compared with the first instant of the clock's millisecond, so a record ending
   * within that millisecond is still answered; {@code ServerSessions} compares with its last
   * instant itself, and ends such a session.
   */
  @Nullable SessionRecord find(String key) {
    SessionRecord r = records.get(key);
    if (r == null) {
      return null;
    }
    if (!Elapsed.isAfterStartOf(r.expiresAt(), clock.millis())) {
      records.remove(key, r);
      return null;
    }
    return r;
  }

  /** Compare-and-set in one {@code compute} on the record's key: atomic for that key. */
  @Override
  public boolean save(SessionRecord record, long expectedVersion) {
    if (!records.containsKey(record.key()) && records.size() >= maxEntries) {
      makeRoom();
    }
    Instant now = clock.instant();
    boolean[] written = new boolean[1];
    records.compute(
        record.key(),
        (key, current) -> {
          long stored =
              current == null || !current.expiresAt().isAfter(now) ? ABSENT : current.version();
          if (stored != expectedVersion) {
            return current;
          }
          written[0] = true;
          return record;
        });
    return written[0];
  }

  @Override
  public void touch(String key, Instant expiresAt) {
    records.computeIfPresent(key, (k, r) -> r.withExpiresAt(expiresAt));
  }

  @Override
  public void delete(String key) {
    records.remove(key);
  }

  /**
   * Removes per key in one {@code computeIfPresent}, deciding on the record held at that moment: a
   * record of the user rewritten concurrently is still removed, never skipped as "changed".
   */
  @Override
  public void deleteAllForUser(String userId) {
    for (String key : records.keySet()) {
      records.computeIfPresent(
          key, (k, r) -> r.userId().filter(userId::equals).isPresent() ? null : r);
    }
  }

  @Override
  public List<SessionRecord> listForUser(String userId) {
    Instant now = clock.instant();
    List<SessionRecord> found = new ArrayList<>();
    for (SessionRecord r : records.values()) {
      if (r.expiresAt().isAfter(now) && r.userId().filter(userId::equals).isPresent()) {
        found.add(r);
      }
    }
    return found;
  }

  /** The number of records held, expired ones included until swept. */
  public int size() {
    return records.size();
  }

  private synchronized void makeRoom() {
    Instant now = clock.instant();
    records.values().removeIf(r -> !r.expiresAt().isAfter(now));
    while (records.size() >= maxEntries) {
      SessionRecord soonest = null;
      for (SessionRecord r : records.values()) {
        if (soonest == null || r.expiresAt().isBefore(soonest.expiresAt())) {
          soonest = r;
        }
      }
      if (soonest == null) {
        return;
      }
      records.remove(soonest.key(), soonest);
    }
  }
}
