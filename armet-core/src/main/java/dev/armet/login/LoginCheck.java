package dev.armet.login;

import java.time.Duration;

/**
 * What {@link LoginThrottle#check} decided, before any password work: go ahead (perhaps after
 * {@link #delay()}), or refuse with 429 and {@link #retryAfter()}. The {@link #reason()} is for
 * logs only; the client gets the same answer whatever it is.
 */
public final class LoginCheck {
  /** Why an attempt is refused. */
  public enum Reason {
    NONE,
    /** Too many consecutive failures for this username from this address. */
    ACCOUNT_LOCKED_FOR_ADDRESS,
    /** Too many failures from this address today. */
    ADDRESS_BLOCKED,
    /** The store failed and the throttle fails closed. */
    UNAVAILABLE
  }

  private final Reason reason;
  private final Duration retryAfter;
  private final Duration delay;

  LoginCheck(Reason reason, Duration retryAfter, Duration delay) {
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.delay = delay;
  }

  /** Whether to verify the password at all. */
  public boolean allowed() {
    return reason == Reason.NONE;
  }

  /** When refused: for the {@code Retry-After} header (at least one second). */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * When allowed: wait this long before verifying (the per-username slow-down under a distributed
   * attack; zero normally). It delays, it never locks the owner out.
   */
  public Duration delay() {
    return delay;
  }

  /**
   * Whether this account is past its per-account failure threshold (failures from anywhere): the
   * hook for a challenge the application may add (a CAPTCHA, an e-mailed code). The throttle itself
   * only delays such an account, never locks it.
   */
  public boolean accountUnderAttack() {
    return !delay.isZero();
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return allowed()
        ? "allowed" + (delay.isZero() ? "" : " after " + delay)
        : reason + " retryAfter=" + retryAfter;
  }
}
