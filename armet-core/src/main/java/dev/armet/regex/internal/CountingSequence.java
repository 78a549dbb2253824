package dev.armet.regex.internal;

/**
 * A {@link CharSequence} that counts every {@code charAt} and throws {@link StepBudgetExceeded}
 * once a budget is spent: the engine's work, measured without a clock, and a hard stop for it. With
 * a deadline it also checks the clock every 1,024 reads ({@code SafePattern}'s optional time limit;
 * the analyzer never uses one). Not thread-safe; one per match.
 */
public final class CountingSequence implements CharSequence {
  /** Thrown from {@code charAt} when the budget is spent; unwinds the matcher. */
  public static final class StepBudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean time;

    public StepBudgetExceeded(long budget, boolean time) {
      super(
          time ? "time limit reached" : "step budget of " + budget + " character reads exhausted",
          null,
          false,
          false);
      this.time = time;
    }

    /** Whether the deadline, not the step budget, stopped the match. */
    public boolean time() {
      return time;
    }
  }

  private final CharSequence text;
  private final long budget;
  private final long deadline;
  private final boolean timed;
  private long steps;

  public CountingSequence(CharSequence text, long budget) {
    this(text, budget, 0, false);
  }

  /** With a {@link System#nanoTime()} deadline when {@code timed}. */
  public CountingSequence(CharSequence text, long budget, long deadlineNanos, boolean timed) {
    this.text = text;
    this.budget = budget;
    this.deadline = deadlineNanos;
    this.timed = timed;
  }

  public long steps() {
    return steps;
  }

  @Override
  public char charAt(int index) {
    if (++steps > budget) {
      throw new StepBudgetExceeded(budget, false);
    }
    if (timed && (steps & 1023) == 0 && System.nanoTime() - deadline > 0) {
      throw new StepBudgetExceeded(budget, true);
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end); // group extraction only; matching reads through charAt
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
