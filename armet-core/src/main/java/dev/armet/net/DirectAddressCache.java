package dev.armet.net;

import org.jspecify.annotations.Nullable;

/**
 * The last answers of the direct path (no forwarding header): a client's next request reuses its
 * immutable {@link ClientAddress} instead of parsing and formatting the peer address again, so the
 * common case allocates nothing (issue 18). Keyed on every input of that path — peer, scheme, host
 * and port — so a hit answers exactly what a resolution would. Direct-mapped, {@value #SIZE}
 * entries; a collision or a churned entry only costs a resolution. Racy by design: entries are
 * immutable records, so a thread sees a whole entry or none.
 */
final class DirectAddressCache {
  static final int SIZE = 256;

  /** One direct answer, with what the diagnostics need of it. */
  record Entry(String peer, ClientAddress address, boolean loopback) {}

  private final @Nullable Entry[] entries = new Entry[SIZE];

  /** The cached answer for these inputs, or null. */
  @Nullable Entry get(String peer, String scheme, String host, int port) {
    Entry e = entries[index(peer, port)];
    if (e != null
        && e.address().port() == port
        && e.peer().equals(peer)
        && e.address().scheme().equals(scheme)
        && e.address().host().equals(host)) {
      return e;
    }
    return null;
  }

  void put(String peer, ClientAddress address, boolean loopback) {
    entries[index(peer, address.port())] = new Entry(peer, address, loopback);
  }

  private static int index(String peer, int port) {
    int h = peer.hashCode() * 31 + port;
    return (h ^ (h >>> 16)) & (SIZE - 1);
  }
}
