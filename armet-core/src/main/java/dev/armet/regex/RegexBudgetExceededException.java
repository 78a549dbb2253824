package dev.armet.regex;

/**
 * A {@link SafePattern} match was stopped: it read more characters than its step budget, ran past
 * its time limit, or overflowed the stack. The match is treated as failed (fail closed) and a
 * {@code input_regex_budget_exceeded} security event was recorded. The message names the pattern
 * and the limit, never the input.
 */
public final class RegexBudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which limit stopped the match. */
  public enum Limit {
    STEPS,
    TIME,
    STACK
  }

  private final transient Limit limit;

  RegexBudgetExceededException(String message, Limit limit) {
    super(message, null, false, false);
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }
}
