package dev.armet.servlet;

import dev.armet.ratelimit.PendingDecision;
import dev.armet.session.SessionLookup;
import jakarta.servlet.AsyncContext;
import org.jspecify.annotations.Nullable;

/**
 * A request parked while the rate-limit store answers ({@link ArmetFilterBuilder#asyncStoreCalls}):
 * what the filter resumes it with on its ASYNC dispatch, kept in the request's {@code
 * RequestState}, which also holds the headers applied. The decision is sent; the session read may
 * be riding on it. Run by the store's answer: hands the request back to the container.
 */
final class ParkedRequest implements Runnable {
  final @Nullable SessionLookup lookup;
  final PendingDecision decision;
  private final AsyncContext context;

  ParkedRequest(@Nullable SessionLookup lookup, PendingDecision decision, AsyncContext context) {
    this.lookup = lookup;
    this.decision = decision;
    this.context = context;
  }

  /** The store answered (or failed, or timed out): resume on a container thread. */
  @Override
  public void run() {
    try {
      context.dispatch();
    } catch (IllegalStateException ended) {
      // The container ended the request meanwhile (its own async timeout, a closed connection):
      // nothing is left to resume, and the application never ran.
    }
  }
}
