package dev.armet.ratelimit;

import dev.armet.spi.LimitRule;
import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitCommand.Operation;
import dev.armet.spi.RateLimitStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bounded in-process {@link RateLimitStore}: exact under any number of threads (keys are locked
 * for the whole decision, several keys in a fixed order), memory capped at {@code maxKeys} entries
 * (about 200 bytes each at most; see {@link #withMaxKeys}) however many distinct keys a flood
 * brings, and expired keys reclaimed as it goes.
 *
 * <p>A {@link RateLimiter} built on this store itself (not on a wrapper around it) keeps each
 * subject in a slot named by a keyed SipHash of it (two numbers, no text: about 100 bytes a key)
 * and decides one subject in place; keys given through {@link #execute} (the SPI, and limiters on a
 * wrapped store) are kept as text. The two name a subject differently: limiters sharing a store
 * should all get it the same way, directly or wrapped.
 *
 * <p>Threat: state is per process; behind several instances each one counts alone, and a restart
 * forgets every limit. Production mode refuses it as a limiter's store (see {@link
 * dev.armet.env.ProductionGate}); use a shared store there.
 *
 * <pre>{@code
 * RateLimitStore store = InMemoryRateLimitStore.withMaxKeys(100_000);
 * }</pre>
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
  /** The default cap: 100,000 keys, about 20 MB. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  private static final int SEGMENT_BITS = 6;
  private static final int SEGMENTS = 1 << SEGMENT_BITS;

  private final StoreSegment[] segments;
  private final int maxKeys;

  /** Places the SPI's text keys; this store's own key, random, never leaves it. */
  private final SubjectSlots texts = SubjectSlots.random();

  private InMemoryRateLimitStore(int maxKeys) {
    this.maxKeys = maxKeys;
    this.segments = new StoreSegment[SEGMENTS];
    int perSegment = Math.max(1, (maxKeys + SEGMENTS - 1) / SEGMENTS);
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new StoreSegment(perSegment, 1_000_000L);
    }
  }

  /** A store capped at {@link #DEFAULT_MAX_KEYS}. */
  public static InMemoryRateLimitStore create() {
    return new InMemoryRateLimitStore(DEFAULT_MAX_KEYS);
  }

  /**
   * A store holding at most about {@code maxKeys} keys (rounded up to a multiple of 64); past that
   * the least useful keys are evicted.
   */
  public static InMemoryRateLimitStore withMaxKeys(int maxKeys) {
    if (maxKeys < SEGMENTS || maxKeys > 100_000_000) {
      throw new IllegalArgumentException(
          "maxKeys must be between "
              + SEGMENTS
              + " and 100000000, was "
              + maxKeys
              + " (each key takes about 200 bytes)");
    }
    return new InMemoryRateLimitStore(maxKeys);
  }

  @Override
  public RateLimitCommand.Result execute(RateLimitCommand command) {
    List<String> keys = command.keys();
    SlotKey[] slots = new SlotKey[keys.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = textKey(keys.get(i));
    }
    return execute(slots, command);
  }

  /**
   * {@link #execute(RateLimitCommand)} over {@code slots} in place of the command's keys (the
   * command then only says what to do, one entry per slot): a limiter's several subjects in one
   * decision, each in its {@link SubjectSlots} slot.
   */
  RateLimitCommand.Result execute(SlotKey[] slots, RateLimitCommand command) {
    long now = command.nowMicros();
    if (slots.length == 1) {
      return executeOne(command, slots[0], now);
    }
    int[] order = segmentOrder(slots);
    for (int s : order) {
      segments[s].lock.lock();
    }
    try {
      LimitState[] current = new LimitState[slots.length];
      for (int i = 0; i < current.length; i++) {
        current[i] = segmentOf(slots[i]).get(slots[i], now);
      }
      RateLimitCommand.Result result = command.apply(current);
      for (int i = 0; i < current.length; i++) {
        if (result.mustWrite(i)) {
          segmentOf(slots[i]).put(slots[i], result.state(i), result.expiresAtMicros(i), now);
        }
      }
      return result;
    } finally {
      for (int i = order.length - 1; i >= 0; i--) {
        segments[order[i]].lock.unlock();
      }
    }
  }

  private RateLimitCommand.Result executeOne(RateLimitCommand command, SlotKey key, long now) {
    StoreSegment segment = segmentOf(key);
    segment.lock.lock();
    try {
      RateLimitCommand.Result result = command.apply(new LimitState[] {segment.get(key, now)});
      if (result.mustWrite(0)) {
        segment.put(key, result.state(0), result.expiresAtMicros(0), now);
      }
      return result;
    } finally {
      segment.lock.unlock();
    }
  }

  /**
   * One subject's decision, as {@link #execute(SlotKey[], RateLimitCommand)} decides it for {@code
   * RateLimitCommand.of(key, rule, op, points, now, blockMicros)} on the slot {@code (policy, hi,
   * lo)}, with the slot updated in place: the limiter's path for a single subject on this store
   * (issue 18), allocating only the decision.
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
    StoreSegment segment = segments[index(hi)];
    segment.lock.lock();
    try {
      return segment.decide(policy, hi, lo, rule, op, points, blockMicros, now, outcomeOnly);
    } finally {
      segment.lock.unlock();
    }
  }

  /** A key from the SPI, placed by its SipHash under this store's own key. */
  private SlotKey textKey(String key) {
    SipHash h = texts.of(key);
    return new SlotKey(key, true, h.hi(), h.lo());
  }

  /** Distinct segment indexes in ascending order: one global lock order, so no deadlock. */
  private static int[] segmentOrder(SlotKey[] slots) {
    int[] idx = new int[slots.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = index(slots[i].hi());
    }
    return Arrays.stream(idx).sorted().distinct().toArray();
  }

  private StoreSegment segmentOf(SlotKey key) {
    return segments[index(key.hi())];
  }

  /** The top bits of a SipHash word (the table inside a segment uses the other word). */
  private static int index(long hi) {
    return (int) (hi >>> (Long.SIZE - SEGMENT_BITS));
  }

  /** Drops every expired key now (the store also does this as it goes). */
  public void sweep(long nowMicros) {
    for (StoreSegment s : segments) {
      s.lock.lock();
      try {
        s.sweep(nowMicros);
      } finally {
        s.lock.unlock();
      }
    }
  }

  /** Keys held right now, expired ones not yet reclaimed included. */
  public int size() {
    int n = 0;
    for (StoreSegment s : segments) {
      s.lock.lock();
      try {
        n += s.size();
      } finally {
        s.lock.unlock();
      }
    }
    return n;
  }

  /** The live state under the SPI key {@code key} (for tests that compare two paths). */
  @Nullable LimitState state(String key, long nowMicros) {
    return state(textKey(key), nowMicros);
  }

  /** The live state under {@code key} (for tests that compare what two paths keep). */
  @Nullable LimitState state(SlotKey key, long nowMicros) {
    StoreSegment segment = segmentOf(key);
    segment.lock.lock();
    try {
      return segment.get(key, nowMicros);
    } finally {
      segment.lock.unlock();
    }
  }

  /**
   * The keys held, as a dump would show them (for tests that check what a store may hold): an SPI
   * key as it is, a subject's slot as {@code policy:#} and its 32 hex digits.
   */
  List<String> keys() {
    List<SlotKey> held = new ArrayList<>();
    for (StoreSegment s : segments) {
      s.lock.lock();
      try {
        s.keys(held);
      } finally {
        s.lock.unlock();
      }
    }
    List<String> out = new ArrayList<>(held.size());
    for (SlotKey k : held) {
      out.add(k.toString());
    }
    return out;
  }

  /** The most keys sharing a segment's table bucket, and the fullest segment's size. */
  int[] crowding() {
    int chain = 0;
    int fullest = 0;
    for (StoreSegment s : segments) {
      s.lock.lock();
      try {
        chain = Math.max(chain, s.longestChain());
        fullest = Math.max(fullest, s.size());
      } finally {
        s.lock.unlock();
      }
    }
    return new int[] {chain, fullest};
  }

  /** Live keys evicted so far to stay under the cap (a sign the cap is too small or a flood). */
  public long evictions() {
    long n = 0;
    for (StoreSegment s : segments) {
      s.lock.lock();
      try {
        n += s.evictions;
      } finally {
        s.lock.unlock();
      }
    }
    return n;
  }

  public int maxKeys() {
    return maxKeys;
  }
}
