package dev.armet.audit.internal;

/** The audit reached its request budget; the checks that still wanted to ask are skipped. */
public final class BudgetExhaustedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BudgetExhaustedException(int budget) {
    super("request budget of " + budget + " reached");
  }
}
