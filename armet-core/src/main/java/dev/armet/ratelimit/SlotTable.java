package dev.armet.ratelimit;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One segment's slots: a chained hash table keyed by {@link SlotKey}'s fields, whose entries are
 * the slots themselves, kept in access order (least recently used first) as a {@code LinkedHashMap}
 * in access order keeps them, but with no key object, entry object or text per key, so a lookup
 * allocates nothing (issue 18). Chains are short whatever the keys: a slot's hash comes from its
 * SipHash ({@link SubjectSlots}), which nobody without the key can steer. Not thread-safe: its
 * segment's lock guards it.
 */
final class SlotTable {
  /** A state's numbers ({@code LimitState}'s) and the instant after which it equals absence. */
  static final class Slot {
    final String space;
    final boolean text;
    final long hi;
    final long lo;
    final int hash;
    @Nullable Slot chain;
    @Nullable Slot older;
    @Nullable Slot newer;
    long a;
    long b;
    long blockedUntil;
    long expiresAt;

    private Slot(String space, boolean text, long hi, long lo, int hash) {
      this.space = space;
      this.text = text;
      this.hi = hi;
      this.lo = lo;
      this.hash = hash;
    }

    boolean is(String space, boolean text, long hi, long lo) {
      return this.lo == lo && this.hi == hi && this.text == text && this.space.equals(space);
    }

    SlotKey key() {
      return new SlotKey(space, text, hi, lo);
    }
  }

  private @Nullable Slot[] table = new Slot[16];
  private int size;
  private @Nullable Slot eldest;
  private @Nullable Slot newest;

  /** The slot under this key, now the most recently used; null if none. */
  @Nullable Slot get(String space, boolean text, long hi, long lo) {
    Slot s = table[hash(space, text, lo) & (table.length - 1)];
    while (s != null && !s.is(space, text, hi, lo)) {
      s = s.chain;
    }
    if (s != null && s != newest) {
      unlinkOrder(s);
      appendOrder(s);
    }
    return s;
  }

  /** A new slot under a key that has none, the most recently used. */
  Slot add(String space, boolean text, long hi, long lo) {
    if (size >= table.length - (table.length >>> 2)) {
      grow();
    }
    Slot s = new Slot(space, text, hi, lo, hash(space, text, lo));
    int i = s.hash & (table.length - 1);
    s.chain = table[i];
    table[i] = s;
    appendOrder(s);
    size++;
    return s;
  }

  void remove(Slot s) {
    int i = s.hash & (table.length - 1);
    Slot p = table[i];
    if (p == s) {
      table[i] = s.chain;
    } else {
      while (p != null && p.chain != s) {
        p = p.chain;
      }
      if (p == null) {
        return; // not held (removed already)
      }
      p.chain = s.chain;
    }
    s.chain = null;
    unlinkOrder(s);
    size--;
  }

  /** The least recently used slot; follow {@link Slot#newer} for the next. */
  @Nullable Slot eldest() {
    return eldest;
  }

  int size() {
    return size;
  }

  /** Removes every slot expired at {@code now}. */
  void removeExpired(long now) {
    Slot s = eldest;
    while (s != null) {
      Slot next = s.newer;
      if (s.expiresAt <= now) {
        remove(s);
      }
      s = next;
    }
  }

  /** The most slots sharing one bucket (for tests that no choice of keys can crowd one). */
  int longestChain() {
    int longest = 0;
    for (Slot head : table) {
      int n = 0;
      for (Slot s = head; s != null; s = s.chain) {
        n++;
      }
      longest = Math.max(longest, n);
    }
    return longest;
  }

  void forEach(Consumer<Slot> action) {
    for (Slot s = eldest; s != null; s = s.newer) {
      action.accept(s);
    }
  }

  /**
   * A subject slot's table hash: its SipHash word, with the policy's hash so that one subject under
   * several policies spreads; a text key's: its SipHash word alone.
   */
  private static int hash(String space, boolean text, long lo) {
    int h = (int) (lo ^ (lo >>> 32));
    return text ? h : h ^ space.hashCode();
  }

  private void grow() {
    Slot[] bigger = new Slot[table.length * 2];
    for (Slot s = eldest; s != null; s = s.newer) {
      int i = s.hash & (bigger.length - 1);
      s.chain = bigger[i];
      bigger[i] = s;
    }
    table = bigger;
  }

  private void appendOrder(Slot s) {
    s.older = newest;
    s.newer = null;
    if (newest == null) {
      eldest = s;
    } else {
      newest.newer = s;
    }
    newest = s;
  }

  private void unlinkOrder(Slot s) {
    if (s.older == null) {
      eldest = s.newer;
    } else {
      s.older.newer = s.newer;
    }
    if (s.newer == null) {
      newest = s.older;
    } else {
      s.newer.older = s.older;
    }
    s.older = null;
    s.newer = null;
  }
}
