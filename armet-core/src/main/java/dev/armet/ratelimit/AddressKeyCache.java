package dev.armet.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The store keys of client addresses a limiter has seen ({@code policy:keyedHash}), so that a
 * returning client costs a map lookup instead of an HMAC and two strings (issue 18). Only for
 * subjects that are client addresses ({@link dev.armet.internal.ratelimit.AddressKey}): an address
 * is no secret (the socket and the access log hold it too), whereas an API key must never sit in a
 * cache. Keyed by the address text itself, so a hit is exactly the uncached answer. Bounded: past
 * {@link #MAX} addresses it starts afresh, so a flood of new addresses costs what it cost before
 * and at most {@code MAX} entries of memory (~150 bytes each).
 */
final class AddressKeyCache {
  static final int MAX = 16_384;

  private final ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();
  private final Function<String, String> storeKey;

  /** {@code storeKey}: the limiter's own naming of a subject. */
  AddressKeyCache(Function<String, String> storeKey) {
    this.storeKey = storeKey;
  }

  /** The store key of {@code address}: {@code storeKey.apply(address)}, computed once. */
  String storeKey(String address) {
    String known = keys.get(address);
    if (known != null) {
      return known;
    }
    String key = storeKey.apply(address);
    if (keys.size() >= MAX) {
      keys.clear(); // a flood of new addresses: start afresh rather than grow
    }
    keys.put(address, key);
    return key;
  }

  /** Addresses held (for tests of the bound). */
  int size() {
    return keys.size();
  }
}
