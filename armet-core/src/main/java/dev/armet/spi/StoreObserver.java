package dev.armet.spi;

/**
 * Told of every operation a decorated store runs ({@link ObservedStores}): which store, which
 * operation, how it ended and how long it took. What Armet's Micrometer timer {@code
 * armet.store.operations{store,op,outcome}} is fed from; implement it to feed another system. Every
 * argument comes from a small closed set (below), never from a key, a user or a request, so each
 * can be a metric tag.
 *
 * <ul>
 *   <li>{@code store}: {@code sessions} or {@code rate_limits};
 *   <li>{@code operation}: for sessions {@code load}, {@code save}, {@code touch}, {@code delete},
 *       {@code delete_all_for_user}, {@code list_for_user}; for rate limits the command's
 *       operation: {@code consume}, {@code penalty}, {@code reward}, {@code block}, {@code get},
 *       {@code delete};
 *   <li>{@code outcome}: {@code error} when the store threw; else {@code hit}/{@code miss} (session
 *       load), {@code ok}/{@code conflict} (session save: the compare-and-set lost), {@code
 *       allowed}/{@code refused} (a rate-limit consume), {@code ok} otherwise.
 * </ul>
 *
 * <p>Called on the request's thread after the store answered: it must be quick, must not block and
 * must not throw.
 *
 * <pre>{@code
 * SessionStore observed = ObservedStores.sessions(redis.sessions(),
 *     (store, op, outcome, nanos) -> histogram(store + "." + op).record(nanos));
 * }</pre>
 */
@FunctionalInterface
public interface StoreObserver {
  /** One finished operation; {@code nanos} from {@link System#nanoTime()} before and after. */
  void completed(String store, String operation, String outcome, long nanos);
}
