package dev.armet.ratelimit;

import dev.armet.spi.LimitState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One lock-guarded slice of the in-memory store: an access-ordered map (least recently used first)
 * with a hard entry cap. Over the cap it evicts, among the few least recently used entries, an
 * expired one or else the one expiring soonest: the key closest to being indistinguishable from
 * absent. A key under a long block is therefore kept longest.
 */
final class StoreSegment {
  private static final int EVICTION_SAMPLE = 8;

  /** A state and the instant after which it equals absence. */
  static final class Slot {
    @Nullable LimitState state;
    long expiresAt;
  }

  final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, Slot> map = new LinkedHashMap<>(64, 0.75f, true);
  private final int cap;
  private final long sweepEveryMicros;

  /** When the next sweep is due (µs); the first write sweeps. A deadline, so nothing overflows. */
  private long nextSweep = Long.MIN_VALUE;

  long evictions;

  StoreSegment(int cap, long sweepEveryMicros) {
    this.cap = cap;
    this.sweepEveryMicros = sweepEveryMicros;
  }

  /** The live state under {@code key}, or null. Caller holds the lock. */
  @Nullable LimitState get(String key, long now) {
    Slot slot = map.get(key);
    if (slot == null) {
      return null;
    }
    if (slot.expiresAt <= now) {
      map.remove(key);
      return null;
    }
    return slot.state;
  }

  /** Stores or (state null or already expired) removes. Caller holds the lock. */
  void put(String key, LimitState state, long expiresAt, long now) {
    if (state == null || expiresAt <= now) {
      map.remove(key);
      return;
    }
    Slot slot = map.get(key);
    if (slot == null) {
      slot = new Slot();
      map.put(key, slot);
    }
    slot.state = state;
    slot.expiresAt = expiresAt;
    if (now >= nextSweep) {
      sweep(now);
    }
    while (map.size() > cap) {
      evictOne(now, key);
    }
  }

  /** Drops every expired entry. Caller holds the lock. */
  void sweep(long now) {
    nextSweep = now + sweepEveryMicros;
    map.values().removeIf(slot -> slot.expiresAt <= now);
  }

  private void evictOne(long now, String keep) {
    Iterator<Map.Entry<String, Slot>> it = map.entrySet().iterator();
    String victim = null;
    long soonest = Long.MAX_VALUE;
    for (int i = 0; i < EVICTION_SAMPLE && it.hasNext(); i++) {
      Map.Entry<String, Slot> e = it.next();
      if (e.getKey().equals(keep)) {
        continue;
      }
      if (e.getValue().expiresAt <= now) {
        it.remove();
        return;
      }
      if (e.getValue().expiresAt < soonest) {
        soonest = e.getValue().expiresAt;
        victim = e.getKey();
      }
    }
    if (victim != null) {
      map.remove(victim);
      evictions++;
    }
  }

  int size() {
    return map.size();
  }

  /** The keys held. Caller holds the lock. */
  java.util.Set<String> keys() {
    return map.keySet();
  }
}
