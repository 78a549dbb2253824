package dev.armet.regex.internal;

import dev.armet.regex.MatchMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one match on the real engine over a counting sequence and reports its cost. */
public final class Replay {
  /** The outcome of one run: steps read, or that the budget or the stack ran out. */
  public record Run(long steps, boolean budgetExceeded, boolean stackOverflow) {}

  private Replay() {}

  public static Run run(Pattern pattern, MatchMode mode, String input, long budget) {
    CountingSequence text = new CountingSequence(input, budget);
    try {
      match(pattern.matcher(text), mode);
      return new Run(text.steps(), false, false);
    } catch (CountingSequence.StepBudgetExceeded e) {
      return new Run(budget, true, false);
    } catch (StackOverflowError e) {
      return new Run(text.steps(), false, true);
    }
  }

  /** Applies the mode: {@code matches()}, {@code lookingAt()} or a whole {@code find()} scan. */
  public static boolean match(Matcher matcher, MatchMode mode) {
    return switch (mode) {
      case MATCHES -> matcher.matches();
      case LOOKING_AT -> matcher.lookingAt();
      case FIND -> matcher.find();
    };
  }
}
