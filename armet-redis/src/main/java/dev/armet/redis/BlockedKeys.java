package dev.armet.redis;

import dev.armet.spi.LimitState;
import dev.armet.spi.RateLimitCommand;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys this instance knows to be blocked, with the state Redis last reported, so that under a flood
 * a {@code CONSUME} on a blocked key is refused without a round trip (rate-limiter-flexible's
 * in-memory block). Bounded: when full, expired entries are dropped and new ones not added.
 *
 * <p>A combined decision answered here reports the other keys as Redis last left them for this
 * instance (or as absent): the refusal is exact, their remaining counts approximate.
 *
 * <p>Threat accepted: an unblock done on another instance (reward, delete) is seen here only when
 * the local block ends; a local reward, delete or penalty clears the entry first.
 */
final class BlockedKeys {
  private static final class Entry {
    final LimitState state;
    final long blockedUntil;

    Entry(LimitState state, long blockedUntil) {
      this.state = state;
      this.blockedUntil = blockedUntil;
    }
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final int maxEntries;

  BlockedKeys(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * The result for {@code command} at {@code nowMicros} if one of its enforcing keys is known
   * blocked then; null to ask Redis.
   */
  RateLimitCommand.Result answer(RateLimitCommand command, long nowMicros) {
    if (maxEntries == 0 || command.operation() != RateLimitCommand.Operation.CONSUME) {
      return null;
    }
    List<String> keys = command.keys();
    LimitState[] states = new LimitState[keys.size()];
    boolean blocked = false;
    for (int i = 0; i < states.length; i++) {
      Entry e = entries.get(keys.get(i));
      if (e != null && e.blockedUntil > nowMicros) {
        states[i] = e.state;
        blocked |= !command.rules().get(i).dryRun();
      }
    }
    return blocked ? command.atMicros(nowMicros).apply(states) : null;
  }

  /** Before a command that may lift a block: forget its keys. */
  void forget(List<String> keys) {
    for (String k : keys) {
      entries.remove(k);
    }
  }

  /** After Redis answered: remember the keys now blocked, forget the others. */
  void learn(List<String> keys, RateLimitCommand.Result result, long nowMicros) {
    if (maxEntries == 0) {
      return;
    }
    for (int i = 0; i < keys.size(); i++) {
      LimitState s = result.state(i);
      long until = s == null ? 0 : blockedUntil(s);
      if (until > nowMicros) {
        if (entries.size() >= maxEntries) {
          entries.values().removeIf(e -> e.blockedUntil <= nowMicros);
        }
        if (entries.size() < maxEntries) {
          entries.put(keys.get(i), new Entry(s, until));
        }
      } else if (!entries.isEmpty()) {
        entries.remove(keys.get(i));
      }
    }
  }

  int size() {
    return entries.size();
  }

  private static long blockedUntil(LimitState s) {
    return s.blockedUntilMicros();
  }
}
