package dev.armet.ratelimit;

import dev.armet.internal.spi.LimitKernel;
import dev.armet.spi.LimitRule;
import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand.Operation;
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

  /**
   * A state's numbers ({@link LimitState}'s) and the instant after which it equals absence: updated
   * in place, so a returning key's decision allocates nothing here.
   */
  static final class Slot {
    long a;
    long b;
    long blockedUntil;
    long expiresAt;
  }

  final ReentrantLock lock = new ReentrantLock();
  private final LimitKernel kernel = LimitKernel.get();

  /** {@link #decide}'s answer, reused under the lock. */
  private final LimitKernel.Out out = new LimitKernel.Out();

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
    return LimitState.of(slot.a, slot.b, slot.blockedUntil);
  }

  /** Stores or (state null or already expired) removes. Caller holds the lock. */
  void put(String key, @Nullable LimitState state, long expiresAt, long now) {
    if (state == null || expiresAt <= now) {
      map.remove(key);
      return;
    }
    store(key, map.get(key), state.a(), state.b(), state.blockedUntilMicros(), expiresAt, now);
  }

  /**
   * Stores a live state's numbers under {@code key}, in its {@code slot} (live or expired) when it
   * has one. Caller holds the lock.
   */
  private void store(
      String key,
      @Nullable Slot slot,
      long a,
      long b,
      long blockedUntil,
      long expiresAt,
      long now) {
    if (slot == null) {
      slot = new Slot();
      map.put(key, slot);
    }
    slot.a = a;
    slot.b = b;
    slot.blockedUntil = blockedUntil;
    slot.expiresAt = expiresAt;
    if (now >= nextSweep) {
      sweep(now);
    }
    while (map.size() > cap) {
      evictOne(now, key);
    }
  }

  /**
   * One key's decision on its state in place: what {@code RateLimitCommand.of(key, rule, op,
   * points, now, blockMicros)} and {@code InMemoryRateLimitStore.execute} decide and keep, without
   * the command, the states or the result (issue 18). Caller holds the lock.
   */
  RateLimitDecision decide(
      String key, LimitRule rule, Operation op, long points, long blockMicros, long now) {
    Slot slot = map.get(key); // an access: the slot becomes the most recently used
    boolean present = false;
    long blockedUntil = 0;
    LimitKernel.Out out = this.out;
    if (slot != null && slot.expiresAt > now) {
      present = true;
      blockedUntil = slot.blockedUntil;
      kernel.apply(rule, true, slot.a, slot.b, blockedUntil, op, points, blockMicros, now, out);
    } else {
      kernel.apply(rule, false, 0, 0, 0, op, points, blockMicros, now, out);
    }
    // What RateLimitCommand.apply writes for one key.
    boolean write;
    if (op == Operation.DELETE) {
      out.present = false;
      write = true;
    } else if (op == Operation.GET) {
      write = false;
    } else if (op == Operation.CONSUME && !out.allowed) {
      write = out.present && (!present || out.blockedUntil != blockedUntil);
    } else {
      write = true;
    }
    long expiresAt = write && out.present ? kernel.expiresAt(rule, out) : Long.MIN_VALUE;
    if (expiresAt > now) {
      store(key, slot, out.a, out.b, out.blockedUntil, expiresAt, now);
    } else if (write || (slot != null && !present)) {
      map.remove(key); // deleted, or expired and left as it was: as get() drops it
    }
    boolean refused = op == Operation.CONSUME && !out.allowed && !rule.dryRun();
    return new RateLimitDecision(
        refused ? RateLimitDecision.Outcome.REFUSED : RateLimitDecision.Outcome.ALLOWED,
        rule,
        out.allowed,
        out.remaining,
        out.consumed,
        out.resetMicros,
        out.retryMicros);
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
