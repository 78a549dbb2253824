package dev.armet.regex;

import java.util.List;

/**
 * The attack replayed on the real {@link java.util.regex.Pattern}: for each size, the input length
 * and the characters the engine read ({@code charAt} calls on a counting sequence, no clock).
 *
 * @param samples input length → steps, in increasing length
 * @param fittedDegree the log-log slope of steps over length between the last two samples
 * @param growthPerPump for an exponential finding, the factor the steps grow by per pump repetition
 *     (0 otherwise)
 * @param budgetExceeded whether the last size ran out of the step budget (a lower bound)
 * @param stepBudget the budget of each run
 */
public record Proof(
    List<Sample> samples,
    double fittedDegree,
    double growthPerPump,
    boolean budgetExceeded,
    long stepBudget) {
  public Proof {
    samples = List.copyOf(samples);
  }

  /** One replay: {@code length} characters of input made the engine read {@code steps}. */
  public record Sample(int repetitions, int length, long steps, boolean budgetExceeded) {}
}
