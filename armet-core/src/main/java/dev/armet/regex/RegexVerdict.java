package dev.armet.regex;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one pattern in one {@link MatchMode}. Immutable.
 *
 * <p>{@code complexity} is what the replay on the running JDK measured, never only what the static
 * model predicted: a pattern is {@link Complexity#POLYNOMIAL} or {@link Complexity#EXPONENTIAL}
 * only with a {@link #proof()} showing the growth. {@code stackRisk} is separate: a linear pattern
 * such as {@code (a|b)*} can still overflow the stack.
 *
 * @param pattern the pattern as given
 * @param flags the {@link java.util.regex.Pattern} flags it was compiled with
 * @param mode the match mode the verdict holds for
 * @param complexity the measured growth of the worst attack found
 * @param degree the polynomial degree (rounded fitted slope) when {@code POLYNOMIAL}, else 0
 * @param attack the worst attack tried (the one behind {@code complexity}); for a safe pattern it
 *     shows what was tried; {@code null} only when the pattern has nothing to pump
 * @param proof the replay of {@code attack} at growing sizes, or {@code null} without an attack
 * @param stackRisk the measured stack overflow, or {@code null} when none was found
 * @param rewrite a checked safer equivalent, or {@code null}
 * @param modelled false when the static model could not read the pattern (the attack search then
 *     ran on the engine alone; see {@code notes})
 * @param predicted what the static model predicted, in words
 * @param notes explanations: memoised loops, why a prediction was not confirmed, fallbacks
 */
public record RegexVerdict(
    String pattern,
    int flags,
    MatchMode mode,
    Complexity complexity,
    int degree,
    @Nullable Attack attack,
    @Nullable Proof proof,
    @Nullable StackRisk stackRisk,
    @Nullable Rewrite rewrite,
    boolean modelled,
    String predicted,
    List<String> notes) {
  public RegexVerdict {
    notes = List.copyOf(notes);
  }

  /** Safe: at most linear and no stack risk. */
  public boolean safe() {
    return (complexity == Complexity.CONSTANT || complexity == Complexity.LINEAR)
        && stackRisk == null;
  }

  /** {@code polynomial (degree 2)}, {@code exponential}, {@code linear}... */
  public String complexityText() {
    return complexity == Complexity.POLYNOMIAL
        ? "polynomial (degree " + degree + ")"
        : complexity.label();
  }
}
