package dev.armet.ratelimit;

import dev.armet.internal.spi.LimitKernel;
import dev.armet.spi.LimitRule;
import dev.armet.spi.LimitStatus;
import dev.armet.spi.RateLimitStoreException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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

  private static final LimitKernel KERNEL = LimitKernel.get();

  /**
   * An allowed decision without statuses, shared: only for an adapter that reads nothing but the
   * outcome of an allowed decision ({@code dev.armet.internal.ratelimit.OutcomeOnly}); never handed
   * to application code.
   */
  static final RateLimitDecision ADMITTED = new RateLimitDecision(Outcome.ALLOWED, List.of());

  private final Outcome outcome;

  /** The statuses given; null for a one-rule decision, whose status is built from its numbers. */
  private final @Nullable List<LimitStatus> given;

  /** A one-rule decision's statuses, built on first use (immutable: a race only builds twice). */
  private @Nullable List<LimitStatus> built;

  /**
   * The store's failure for {@link Outcome#UNAVAILABLE}, or the rule of a one-rule decision: one
   * field, so that decision stays one 64-byte object.
   */
  private final @Nullable Object detail;

  /** A one-rule decision's status numbers, as {@link LimitStatus} takes them. */
  private final boolean allowed;

  private final long remaining;
  private final long consumed;
  private final long resetMicros;
  private final long retryMicros;

  RateLimitDecision(Outcome outcome, List<LimitStatus> statuses) {
    this(outcome, statuses, null);
  }

  private RateLimitDecision(
      Outcome outcome, List<LimitStatus> statuses, @Nullable RateLimitStoreException failure) {
    this.outcome = outcome;
    this.given = statuses;
    this.detail = failure;
    this.allowed = false;
    this.remaining = 0;
    this.consumed = 0;
    this.resetMicros = 0;
    this.retryMicros = 0;
  }

  /**
   * A one-rule decision holding its status as numbers, the status object made only when asked for:
   * one object per decision on the in-memory store's one-key path (issue 18).
   */
  RateLimitDecision(
      Outcome outcome,
      LimitRule rule,
      boolean allowed,
      long remaining,
      long consumed,
      long resetMicros,
      long retryMicros) {
    this.outcome = outcome;
    this.given = null;
    this.detail = rule;
    this.allowed = allowed;
    this.remaining = remaining;
    this.consumed = consumed;
    this.resetMicros = resetMicros;
    this.retryMicros = retryMicros;
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
    return detail instanceof RateLimitStoreException failure
        ? Optional.of(failure)
        : Optional.empty();
  }

  /** One status per policy involved, in the order the policies were given. */
  public List<LimitStatus> statuses() {
    if (given != null) {
      return given;
    }
    List<LimitStatus> known = built;
    if (known == null) {
      LimitRule rule = (LimitRule) Objects.requireNonNull(detail);
      known = List.of(KERNEL.status(rule, allowed, remaining, consumed, resetMicros, retryMicros));
      built = known;
    }
    return known;
  }

  /** The first status (the only one for a single limiter), or null when unavailable. */
  public @Nullable LimitStatus status() {
    List<LimitStatus> all = statuses();
    return all.isEmpty() ? null : all.get(0);
  }

  /** Whether a dry-run policy would have refused this request. */
  public boolean dryRunRefused() {
    if (detail instanceof LimitRule rule) {
      return rule.dryRun() && !allowed;
    }
    for (LimitStatus s : statuses()) {
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
      for (LimitStatus s : statuses()) {
        if (!s.allowed() && !s.dryRun() && s.retryAfter().compareTo(longest) > 0) {
          longest = s.retryAfter();
        }
      }
    }
    return longest;
  }

  @Override
  public String toString() {
    return outcome + " " + statuses();
  }
}
