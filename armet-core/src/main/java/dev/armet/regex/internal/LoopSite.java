package dev.armet.regex.internal;

import dev.armet.regex.internal.RegexNode.Repeat;

/**
 * One quantifier as the JDK compiles it, with what the model knows about it.
 *
 * @param prefix a string that leads the engine to the loop's first iteration
 * @param engineNode the java.util.regex node it becomes (Curly, GroupCurly, Loop, LazyLoop...)
 * @param memoized whether {@code Loop.match} records failed positions for it (JDK 9+): a greedy,
 *     unbounded, non-deterministic group loop, not inside another quantified group or a lookbehind,
 *     in a pattern with no back reference
 * @param ambiguous whether one iteration's text can be matched in more than one way (EDA)
 */
public record LoopSite(
    Repeat repeat, String prefix, EngineNode engineNode, boolean memoized, boolean ambiguous) {

  /** The node the JDK builds for the quantifier. */
  public enum EngineNode {
    /** A single-character or fixed-length atom repeated: iterative, no recursion. */
    CURLY,
    /** A deterministic group repeated: iterative while it advances. */
    GROUP_CURLY,
    /** A non-deterministic group repeated greedily: one stack frame chain per iteration. */
    LOOP,
    /** A non-deterministic group repeated reluctantly: never memoized. */
    LAZY_LOOP,
    /** Possessive: no backtracking into it. */
    POSSESSIVE
  }
}
