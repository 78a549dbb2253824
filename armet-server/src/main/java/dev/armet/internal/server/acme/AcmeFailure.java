package dev.armet.internal.server.acme;

import java.time.Duration;

/**
 * A failed order: what went wrong (the CA's problem, or the local cause) and how long the CA asked
 * us to wait ({@code Retry-After}), if it did.
 */
final class AcmeFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  AcmeFailure(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The CA's {@code Retry-After}, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
