package dev.armet.ratelimit;

import dev.armet.spi.LimitRule;
import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitCommand.Operation;
import dev.armet.spi.RateLimitStore;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bounded in-process {@link RateLimitStore}: exact under any number of threads (keys are locked
 * for the whole decision, several keys in a fixed order), memory capped at {@code maxKeys} entries
 * (about 200 bytes each; see {@link #withMaxKeys}) however many distinct keys a flood brings, and
 * expired keys reclaimed as it goes.
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

  private static final int SEGMENTS = 64;

  private final StoreSegment[] segments;
  private final int maxKeys;

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
    long now = command.nowMicros();
    if (keys.size() == 1) {
      return executeOne(command, keys.get(0), now);
    }
    int[] order = segmentOrder(keys);
    for (int s : order) {
      segments[s].lock.lock();
    }
    try {
      LimitState[] current = new LimitState[keys.size()];
      for (int i = 0; i < current.length; i++) {
        current[i] = segmentOf(keys.get(i)).get(keys.get(i), now);
      }
      RateLimitCommand.Result result = command.apply(current);
      for (int i = 0; i < current.length; i++) {
        if (result.mustWrite(i)) {
          segmentOf(keys.get(i)).put(keys.get(i), result.state(i), result.expiresAtMicros(i), now);
        }
      }
      return result;
    } finally {
      for (int i = order.length - 1; i >= 0; i--) {
        segments[order[i]].lock.unlock();
      }
    }
  }

  private RateLimitCommand.Result executeOne(RateLimitCommand command, String key, long now) {
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
   * One key's decision, as {@link #execute} decides it for {@code RateLimitCommand.of(key, rule,
   * op, points, now, blockMicros)}, with the key's state updated in place: the limiter's path for a
   * single key on this store (issue 18), allocating only the decision.
   */
  RateLimitDecision decide(
      String key, LimitRule rule, Operation op, long points, long blockMicros, long now) {
    StoreSegment segment = segmentOf(key);
    segment.lock.lock();
    try {
      return segment.decide(key, rule, op, points, blockMicros, now);
    } finally {
      segment.lock.unlock();
    }
  }

  /** Distinct segment indexes in ascending order: one global lock order, so no deadlock. */
  private int[] segmentOrder(List<String> keys) {
    int[] idx = new int[keys.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = index(keys.get(i));
    }
    return Arrays.stream(idx).sorted().distinct().toArray();
  }

  private StoreSegment segmentOf(String key) {
    return segments[index(key)];
  }

  private static int index(String key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return h & (SEGMENTS - 1);
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

  /** The live state under {@code key} (for tests that compare what two paths keep). */
  @Nullable LimitState state(String key, long nowMicros) {
    StoreSegment segment = segmentOf(key);
    segment.lock.lock();
    try {
      return segment.get(key, nowMicros);
    } finally {
      segment.lock.unlock();
    }
  }

  /** The store keys held (for tests that check what a store may hold). */
  List<String> keys() {
    List<String> out = new java.util.ArrayList<>();
    for (StoreSegment s : segments) {
      s.lock.lock();
      try {
        out.addAll(s.keys());
      } finally {
        s.lock.unlock();
      }
    }
    return out;
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
