package dev.armet.ratelimit;

import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.RateLimitStoreException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * A rate-limit decision whose store round trip may still be on its way ({@link
 * RateLimitStore#executeAsync}): the adapter parks the request, resumes it {@linkplain
 * #whenAnswered when the store answered}, and then takes the {@link #decision()} on the request's
 * own thread. The store's failure is turned into the limiter's {@link StoreFailurePolicy} outcome
 * there, not on the store's I/O thread, so its security event names the request as the synchronous
 * path's does, and the outcome is the same. Made by {@link RateLimitRoutes#decideLater}.
 *
 * <pre>{@code
 * PendingDecision pending = routes.decideLater(method, path, request, read).orElse(null);
 * if (pending != null && !pending.isAnswered()) { park; pending.whenAnswered(resume); return; }
 * RateLimitDecision d = pending.decision(); // on the resumed request's thread
 * }</pre>
 */
public final class PendingDecision {
  private final @Nullable RateLimiter limiter;
  private final RateLimitCommand.@Nullable Operation op;
  private final @Nullable RateLimitCommand command;
  private final @Nullable CompletableFuture<RateLimitCommand.Result> answer;
  private @Nullable RateLimitDecision decision;

  private PendingDecision(
      @Nullable RateLimiter limiter,
      RateLimitCommand.@Nullable Operation op,
      @Nullable RateLimitCommand command,
      @Nullable CompletableFuture<RateLimitCommand.Result> answer,
      @Nullable RateLimitDecision decision) {
    this.limiter = limiter;
    this.op = op;
    this.command = command;
    this.answer = answer;
    this.decision = decision;
  }

  /** A decision already made (an in-memory store, a cached block). */
  static PendingDecision decided(RateLimitDecision decision) {
    return new PendingDecision(null, null, null, null, Objects.requireNonNull(decision));
  }

  /** {@code command}'s answer from the store, which {@code limiter} turns into a decision. */
  static PendingDecision answering(
      RateLimiter limiter,
      RateLimitCommand.Operation op,
      RateLimitCommand command,
      CompletableFuture<RateLimitCommand.Result> answer) {
    return new PendingDecision(limiter, op, command, answer, null);
  }

  /** Whether the store has answered (or failed): {@link #decision()} then does not wait. */
  public boolean isAnswered() {
    return answer == null || answer.isDone();
  }

  /**
   * Runs {@code then} once the store answered or failed (at once, on this thread, if it already
   * did; else on the store's I/O thread or its timer): it must not block, only hand the request
   * back to its container (e.g. {@code AsyncContext.dispatch()}).
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the decision reads `answer`, not this stage
  public void whenAnswered(Runnable then) {
    Objects.requireNonNull(then, "then");
    if (answer == null) {
      then.run();
    } else {
      answer.whenComplete((result, failure) -> then.run());
    }
  }

  /**
   * The decision: what the synchronous path would have decided on the same answer, a store failure
   * following the limiter's {@link StoreFailurePolicy} (and recording its event on this thread).
   * Call it on the thread serving the request, once {@link #isAnswered()}; before that it waits for
   * the store (at most the store's timeout). The first call decides; later calls return the same.
   */
  public synchronized RateLimitDecision decision() {
    if (decision == null) {
      RateLimitCommand.Result result;
      RateLimitStoreException failure = null;
      CompletableFuture<RateLimitCommand.Result> pending = Objects.requireNonNull(answer);
      try {
        result = pending.join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof RateLimitStoreException)) {
          throw e; // a bug, not an outage: it propagates as on the synchronous path
        }
        result = null;
        failure = (RateLimitStoreException) e.getCause();
      }
      decision =
          Objects.requireNonNull(limiter)
              .outcome(
                  Objects.requireNonNull(op), Objects.requireNonNull(command), result, failure);
    }
    return decision;
  }
}
