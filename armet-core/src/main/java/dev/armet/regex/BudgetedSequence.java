package dev.armet.regex;

/**
 * The input as the engine sees it under {@link SafePattern}: every {@code charAt} counts against
 * the step budget, and every 1,024 reads the deadline is checked. Exceeding either throws, which
 * unwinds the matcher.
 */
final class BudgetedSequence implements CharSequence {
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RegexBudgetExceededException.Limit limit;

    Stop(RegexBudgetExceededException.Limit limit) {
      super(null, null, false, false);
      this.limit = limit;
    }
  }

  private final CharSequence text;
  private final long budget;
  private final long deadline;
  private final boolean timed;
  private long steps;

  BudgetedSequence(CharSequence text, long budget, long deadlineNanos, boolean timed) {
    this.text = text;
    this.budget = budget;
    this.deadline = deadlineNanos;
    this.timed = timed;
  }

  long steps() {
    return steps;
  }

  @Override
  public char charAt(int index) {
    if (++steps > budget) {
      throw new Stop(RegexBudgetExceededException.Limit.STEPS);
    }
    if (timed && (steps & 1023) == 0 && System.nanoTime() - deadline > 0) {
      throw new Stop(RegexBudgetExceededException.Limit.TIME);
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
