package dev.armet.internal.server.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to renew and, after a failure, when to try again.
 *
 * <p>Renewal: inside the CA's ARI window when it gave one (RFC 9773 §4.2: a uniformly random
 * instant in it, so a fleet does not renew at once), otherwise at two-thirds of the lifetime (Let's
 * Encrypt's advice; day 60 of 90).
 *
 * <p>Retry: exponential back-off from the minimum, doubling per consecutive failure up to the
 * maximum, with "equal jitter" (a uniform instant in the upper half of the step), and never before
 * a {@code Retry-After} the CA sent. A refusal therefore slows ordering down instead of repeating
 * it, which keeps Armet under the CA's rate limits (Let's Encrypt: 5 failed validations per hour
 * per domain).
 */
final class RenewalPolicy {
  private final Duration minimumBackoff;
  private final Duration maximumBackoff;
  private final RandomGenerator random;

  RenewalPolicy(Duration minimumBackoff, Duration maximumBackoff, RandomGenerator random) {
    this.minimumBackoff = minimumBackoff;
    this.maximumBackoff = maximumBackoff;
    this.random = random;
  }

  /** When {@code certificate} should be renewed. */
  Instant renewalTime(StoredCertificate certificate) {
    Instant start = certificate.renewalWindowStart();
    Instant end = certificate.renewalWindowEnd();
    if (start != null && end != null && !end.isBefore(start)) {
      long span = Duration.between(start, end).toMillis();
      return start.plusMillis(span == 0 ? 0 : random.nextLong(span + 1));
    }
    Duration lifetime = Duration.between(certificate.notBefore(), certificate.notAfter());
    return certificate.notBefore().plus(lifetime.multipliedBy(2).dividedBy(3));
  }

  /**
   * The wait before attempt {@code failures + 1}.
   *
   * @param failures consecutive failures so far (1 after the first)
   * @param retryAfter the CA's {@code Retry-After} wait, or null
   */
  Duration backoff(int failures, Duration retryAfter) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration step = minimumBackoff.multipliedBy(1L << doublings);
    if (step.compareTo(maximumBackoff) > 0 || step.isNegative()) {
      step = maximumBackoff;
    }
    long half = step.toMillis() / 2;
    Duration wait = Duration.ofMillis(step.toMillis() - half + random.nextLong(half + 1));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter.compareTo(Duration.ofDays(7)) > 0 ? Duration.ofDays(7) : retryAfter;
    }
    return wait;
  }
}
