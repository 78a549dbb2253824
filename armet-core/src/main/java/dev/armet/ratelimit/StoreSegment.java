package dev.armet.ratelimit;

import dev.armet.internal.spi.LimitKernel;
import dev.armet.ratelimit.SlotTable.Slot;
import dev.armet.spi.LimitRule;
import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand.Operation;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One lock-guarded slice of the in-memory store: a table of slots in access order (least recently
 * used first, {@link SlotTable}) with a hard entry cap. Over the cap it evicts, among the few least
 * recently used entries, an expired one or else the one expiring soonest: the key closest to being
 * indistinguishable from absent. A key under a long block is therefore kept longest. Keys are
 * {@link SlotKey}'s fields: a subject's slot, or a text key from the SPI.
 */
final class StoreSegment {
  private static final int EVICTION_SAMPLE = 8;

  final ReentrantLock lock = new ReentrantLock();
  private final LimitKernel kernel = LimitKernel.get();

  /** {@link #decide}'s answer, reused under the lock. */
  private final LimitKernel.Out out = new LimitKernel.Out();

  private final SlotTable slots = new SlotTable();
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
  @Nullable LimitState get(SlotKey key, long now) {
    Slot slot = slots.get(key.space(), key.text(), key.hi(), key.lo());
    if (slot == null) {
      return null;
    }
    if (slot.expiresAt <= now) {
      slots.remove(slot);
      return null;
    }
    return LimitState.of(slot.a, slot.b, slot.blockedUntil);
  }

  /** Stores or (state null or already expired) removes. Caller holds the lock. */
  void put(SlotKey key, @Nullable LimitState state, long expiresAt, long now) {
    Slot slot = slots.get(key.space(), key.text(), key.hi(), key.lo());
    if (state == null || expiresAt <= now) {
      if (slot != null) {
        slots.remove(slot);
      }
      return;
    }
    if (slot == null) {
      slot = slots.add(key.space(), key.text(), key.hi(), key.lo());
    }
    store(slot, state.a(), state.b(), state.blockedUntilMicros(), expiresAt, now);
  }

  /** Writes a live state's numbers into {@code slot}, then keeps the cap. Caller holds the lock. */
  private void store(Slot slot, long a, long b, long blockedUntil, long expiresAt, long now) {
    slot.a = a;
    slot.b = b;
    slot.blockedUntil = blockedUntil;
    slot.expiresAt = expiresAt;
    if (now >= nextSweep) {
      sweep(now);
    }
    while (slots.size() > cap) {
      evictOne(now, slot);
    }
  }

  /**
   * One subject's decision on its slot in place: what {@code RateLimitCommand.of(key, rule, op,
   * points, now, blockMicros)} and {@code InMemoryRateLimitStore.execute} decide and keep, without
   * the command, the states, the result or a key object (issue 18). Caller holds the lock.
   */
  RateLimitDecision decide(
      String policy,
      long hi,
      long lo,
      LimitRule rule,
      Operation op,
      long points,
      long blockMicros,
      long now,
      boolean outcomeOnly) {
    Slot slot = slots.get(policy, false, hi, lo); // an access: now the most recently used
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
      if (slot == null) {
        slot = slots.add(policy, false, hi, lo);
      }
      store(slot, out.a, out.b, out.blockedUntil, expiresAt, now); // an expired slot is reused
    } else if (slot != null && (write || !present)) {
      slots.remove(slot); // deleted, or expired and left as it was: as get() drops it
    }
    boolean refused = op == Operation.CONSUME && !out.allowed && !rule.dryRun();
    if (outcomeOnly && out.allowed) {
      return RateLimitDecision.ADMITTED; // nothing refused, not even in a dry run
    }
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
    slots.removeExpired(now);
  }

  private void evictOne(long now, Slot keep) {
    Slot victim = null;
    long soonest = Long.MAX_VALUE;
    Slot s = slots.eldest();
    for (int i = 0; i < EVICTION_SAMPLE && s != null; i++, s = s.newer) {
      if (s == keep) {
        continue;
      }
      if (s.expiresAt <= now) {
        slots.remove(s);
        return;
      }
      if (s.expiresAt < soonest) {
        soonest = s.expiresAt;
        victim = s;
      }
    }
    if (victim != null) {
      slots.remove(victim);
      evictions++;
    }
  }

  int size() {
    return slots.size();
  }

  /** See {@link SlotTable#longestChain}. Caller holds the lock. */
  int longestChain() {
    return slots.longestChain();
  }

  /** The keys held. Caller holds the lock. */
  void keys(java.util.List<SlotKey> into) {
    slots.forEach(s -> into.add(s.key()));
  }
}
