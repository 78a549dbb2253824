package dev.armet.spi;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where rate-limit state lives. One method, one atomic round trip per decision: the algorithms, the
 * record format ({@link LimitState}, versioned) and expiry are decided once in core, in {@link
 * RateLimitCommand}; a store only has to run a command atomically over its keys.
 *
 * <p>Contract (checked by {@code RateLimitStoreContract} in armet-core's test jar):
 *
 * <ul>
 *   <li>atomic over all of {@link RateLimitCommand#keys()}: no interleaving with another command on
 *       any of them (so combined limits never over-admit);
 *   <li>the result equals {@link RateLimitCommand#apply} on the current states, computed at {@link
 *       RateLimitCommand#nowMicros()} (the limiter's clock, so tests drive time and every store
 *       agrees on it), or, for a store that decides on its own shared clock (Redis {@code TIME}, so
 *       that instance clocks do not matter), equal to {@code
 *       command.atMicros(storeNow).apply(states)};
 *   <li>a state may be dropped after {@link RateLimitCommand.Result#expiresAtMicros}, never before;
 *   <li>returns or throws {@link RateLimitStoreException} within the store's own timeout: a request
 *       never waits longer than that, whatever happens to the connection.
 * </ul>
 *
 * <pre>{@code
 * RateLimitStore store = InMemoryRateLimitStore.withMaxKeys(100_000);
 * RateLimiter limiter = RateLimiter.builder(policy).store(store).build();
 * }</pre>
 */
@FunctionalInterface
public interface RateLimitStore {
  /** Runs {@code command} atomically and returns what it decided. */
  RateLimitCommand.Result execute(RateLimitCommand command);

  /**
   * Runs {@code command} as {@link #execute(RateLimitCommand)} does and may send the session read
   * {@code alongside} in the same round trip (a Redis script or pipeline), when both live in this
   * store's backend. The default ignores it: the read then happens on its own, when {@link
   * SessionLoad#result()} is called. A store that sends it keeps the failures apart (see {@link
   * SessionLoad}); a decision it answers without the backend (a cached block) leaves the read
   * unsent.
   *
   * @param alongside a read from {@link SessionStore#prepareLoad}, or null
   */
  default RateLimitCommand.Result execute(
      RateLimitCommand command, @Nullable SessionLoad alongside) {
    return execute(command);
  }

  /**
   * Runs {@code command} as {@link #execute(RateLimitCommand, SessionLoad)} does, without holding
   * the calling thread while the backend answers: the servlet filter's asynchronous path ({@code
   * ArmetFilterBuilder.asyncStoreCalls}) parks the request and resumes it when the returned future
   * completes. The default runs {@link #execute(RateLimitCommand, SessionLoad)} on the calling
   * thread and returns a completed future, so every store works unchanged (in-memory and SQL keep
   * it); a network store whose client is asynchronous (Redis) overrides it.
   *
   * <p>Contract, beside {@link #execute(RateLimitCommand)}'s: the future completes within the
   * store's own timeout, whatever happens to the connection (the command is then cancelled); a
   * store failure completes it exceptionally with a {@link RateLimitStoreException} (never thrown
   * from this method); a decision answered without the backend (a cached block) returns an already
   * completed future. It may complete on the store's I/O thread: callers must not block in what
   * they chain to it.
   *
   * <pre>{@code
   * store.executeAsync(command, read).whenComplete((result, failure) -> asyncContext.dispatch());
   * }</pre>
   *
   * @param alongside a read from {@link SessionStore#prepareLoad} to carry, or null
   */
  default CompletableFuture<RateLimitCommand.Result> executeAsync(
      RateLimitCommand command, @Nullable SessionLoad alongside) {
    try {
      return CompletableFuture.completedFuture(
          alongside == null ? execute(command) : execute(command, alongside));
    } catch (RateLimitStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
