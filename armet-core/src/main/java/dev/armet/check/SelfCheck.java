package dev.armet.check;

import dev.armet.env.ArmetEnvironment;
import java.util.List;

/**
 * A start-up self-check of one component (TLS, sessions, a store, …). Components register theirs
 * with the server; the server runs every check before it accepts a connection, and {@code armet
 * doctor} prints what they find. A check reads configuration and local state only: it must be quick
 * and must not change anything.
 *
 * <pre>{@code
 * SelfCheck store = env -> store.isInMemory() && env.isProduction()
 *     ? List.of(Finding.error("stores", "sessions are in memory", "configure a Redis or JDBC store"))
 *     : List.of();
 * }</pre>
 */
@FunctionalInterface
public interface SelfCheck {
  /** The findings for {@code environment}; an empty list when there is nothing to say. */
  List<Finding> check(ArmetEnvironment environment);
}
