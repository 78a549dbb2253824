package dev.armet.regex.internal;

/**
 * A {@link CharSequence} that counts every {@code charAt} and throws {@link StepBudgetExceeded}
 * once a budget is spent: the engine's work, measured without a clock, and a hard stop for it.
 * Not thread-safe; one per match.
 */
public final class CountingSequence implements CharSequence {
  /** Thrown from {@code charAt} when the budget is spent; unwinds the matcher. */
  public static final class StepBudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepBudgetExceeded(long budget) {
      super("step budget of " + budget + " character reads exhausted", null, false, false);
    }
  }

  private final CharSequence text;
  private final long budget;
  private long steps;

  public CountingSequence(CharSequence text, long budget) {
    this.text = text;
    this.budget = budget;
  }

  public long steps() {
    return steps;
  }

  @Override
  public char charAt(int index) {
    if (++steps > budget) {
      throw new StepBudgetExceeded(budget);
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
