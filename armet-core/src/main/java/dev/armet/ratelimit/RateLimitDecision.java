package dev.armet.ratelimit;

import dev.armet.spi.LimitStatus;
import dev.armet.spi.RateLimitStoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer for one request: allowed, refused (429) or unavailable (503: the store failed and the
 * policy fails closed), with each policy's status for the {@code RateLimit} headers.
 */
public final class RateLimitDecision {
  /** The three answers. */
  public enum Outcome {
    ALLOWED,
    /** Over a limit: answer 429 with {@code Retry-After}. */
    REFUSED,
    /** The store failed and the policy fails closed: answer 503. */
    UNAVAILABLE
  }

  private static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(1);

  private final Outcome outcome;
  private final List<LimitStatus> statuses;
  private final @Nullable RateLimitStoreException failure;

  RateLimitDecision(Outcome outcome, List<LimitStatus> statuses) {
    this(outcome, statuses, null);
  }

  private RateLimitDecision(
      Outcome outcome, List<LimitStatus> statuses, @Nullable RateLimitStoreException failure) {
    this.outcome = outcome;
    this.statuses = statuses;
    this.failure = failure;
  }

  static RateLimitDecision unavailable(RateLimitStoreException failure) {
    return new RateLimitDecision(Outcome.UNAVAILABLE, List.of(), failure);
  }

  public Outcome outcome() {
    return outcome;
  }

  public boolean isAllowed() {
    return outcome == Outcome.ALLOWED;
  }

  /**
   * Why the decision is {@link Outcome#UNAVAILABLE}: the store's exception, with its cause, for the
   * application's own diagnostics (never for the client). Empty otherwise.
   */
  public Optional<RateLimitStoreException> failure() {
    return Optional.ofNullable(failure);
  }

  /** One status per policy involved, in the order the policies were given. */
  public List<LimitStatus> statuses() {
    return statuses;
  }

  /** The first status (the only one for a single limiter), or null when unavailable. */
  public @Nullable LimitStatus status() {
    return statuses.isEmpty() ? null : statuses.get(0);
  }

  /** Whether a dry-run policy would have refused this request. */
  public boolean dryRunRefused() {
    for (LimitStatus s : statuses) {
      if (s.dryRun() && !s.allowed()) {
        return true;
      }
    }
    return false;
  }

  /**
   * How long to wait before retrying: the longest wait among refusing policies; zero if allowed.
   */
  public Duration retryAfter() {
    if (outcome == Outcome.UNAVAILABLE) {
      return UNAVAILABLE_RETRY;
    }
    Duration longest = Duration.ZERO;
    if (outcome == Outcome.REFUSED) {
      for (LimitStatus s : statuses) {
        if (!s.allowed() && !s.dryRun() && s.retryAfter().compareTo(longest) > 0) {
          longest = s.retryAfter();
        }
      }
    }
    return longest;
  }

  @Override
  public String toString() {
    return outcome + " " + statuses;
  }
}
