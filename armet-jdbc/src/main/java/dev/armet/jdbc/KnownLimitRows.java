package dev.armet.jdbc;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What this process last saw in the limits table for each key (the row it read or wrote: absent, or
 * present with its state bytes), so that {@link LimitCas} can send the next one-key decision's
 * compare-and-set write straight away instead of reading first. A guess, never an answer: the write
 * lands only if the row still holds exactly these bytes, so a stale entry costs one statement and
 * never a wrong decision. Holds no secret: keys are the limiter's keyed hashes, states are
 * counters.
 *
 * <p>Bounded: past {@code max} entries, an arbitrary eighth of them is dropped (the map's own
 * order, unrelated to recency), so a flood of new keys costs one eviction pass per {@code max / 8}
 * keys, and the map exceeds {@code max} only by the entries other threads are adding at that moment
 * (at most one each). Thread-safe; concurrent updates of one key may leave an older row in the
 * entry, which costs a lost guess.
 *
 * <p>Contention: a key other instances also write makes guesses fail. Each failure doubles the
 * key's penalty (up to {@link #MAX_PENALTY}) and the key then takes the read path for that many
 * decisions; each success halves it. A guess saves a statement when it wins and costs one when it
 * loses (the read and the write follow), so it pays off exactly when it wins more than half the
 * time; the penalty goes to zero above that rate and to the cap below it, where a key costs about
 * {@code 2 + 1/(MAX_PENALTY + 1)} statements per decision against 2 without guessing.
 */
final class KnownLimitRows {
  /** Entries a store keeps by default. */
  static final int DEFAULT_MAX = 10_000;

  /** The most decisions a contended key takes the read path for before guessing again. */
  static final int MAX_PENALTY = 64;

  /**
   * One key's row as last seen, and its contention penalty.
   *
   * @param known whether {@code present} and {@code stored} are what the row held (false after a
   *     lost write: the row is someone else's now)
   * @param present whether the row existed
   * @param stored its state column (null: a row created by the locking path, not yet written)
   * @param penalty read-path decisions a lost guess costs the key (doubles, halves on a win)
   * @param skip read-path decisions left before the next guess
   */
  record Row(boolean known, boolean present, byte @Nullable [] stored, int penalty, int skip) {}

  private final ConcurrentHashMap<String, Row> rows = new ConcurrentHashMap<>();
  private final ReentrantLock evicting = new ReentrantLock();
  private final int max;

  KnownLimitRows(int max) {
    if (max < 8) {
      throw new IllegalArgumentException("max must be >= 8, was " + max);
    }
    this.max = max;
  }

  /**
   * The row to guess on, or null to read first: nothing known, or the key is still paying a lost
   * guess's penalty (this call counts one of those decisions).
   */
  @Nullable Row guess(String key) {
    Row r = rows.get(key);
    if (r == null || !r.known()) {
      return null;
    }
    if (r.skip() > 0) {
      rows.put(key, new Row(true, r.present(), r.stored(), r.penalty(), r.skip() - 1));
      return null;
    }
    return r;
  }

  /** A guess won: the row now holds {@code stored} (absent when null); the penalty halves. */
  void won(String key, byte @Nullable [] stored) {
    Row r = rows.get(key);
    put(key, new Row(true, stored != null, stored, r == null ? 0 : r.penalty() / 2, 0));
  }

  /** A guess lost: the row is unknown, and the key reads first for a doubled penalty. */
  void lost(String key) {
    Row r = rows.get(key);
    int penalty = Math.min(MAX_PENALTY, r == null ? 1 : Math.max(1, r.penalty() * 2));
    put(key, new Row(false, false, null, penalty, penalty));
  }

  /** The read path saw (or wrote) this row; the key's penalty is kept. */
  void saw(String key, boolean present, byte @Nullable [] stored) {
    Row r = rows.get(key);
    put(key, new Row(true, present, stored, r == null ? 0 : r.penalty(), r == null ? 0 : r.skip()));
  }

  /** The read path's write lost: the row is someone else's; the key's penalty is kept. */
  void unsure(String key) {
    Row r = rows.get(key);
    if (r != null) {
      put(key, new Row(false, false, null, r.penalty(), r.skip()));
    }
  }

  /** Another path (the locking transaction) wrote the key. */
  void forget(String key) {
    rows.remove(key);
  }

  int size() {
    return rows.size();
  }

  private void put(String key, Row row) {
    if (rows.put(key, row) == null && rows.size() > max) {
      evicting.lock(); // rare: once per max / 8 new keys; threads that queue here find room
      try {
        int drop = rows.size() - max;
        if (drop > 0) {
          drop += max / 8;
          Iterator<String> keys = rows.keySet().iterator();
          while (drop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
          }
        }
      } finally {
        evicting.unlock();
      }
    }
  }
}
