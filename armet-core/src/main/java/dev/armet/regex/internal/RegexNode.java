package dev.armet.regex.internal;

import java.util.List;

/**
 * The syntax tree of a java.util.regex pattern, as {@link RegexParser} reads it. Only the shape
 * that matters for backtracking is kept; single-character matchers keep their source text so that
 * their membership is decided by the JDK itself ({@link CharUniverse}).
 */
public sealed interface RegexNode {

  /** Matches nothing (an empty alternative, or the empty atom before {@code {n}}). */
  record Empty() implements RegexNode {}

  /** One character: a literal, an escape class, a bracket class or the dot, under flags. */
  record CharAtom(String source, int flags) implements RegexNode {}

  record Sequence(List<RegexNode> items) implements RegexNode {}

  record Alternation(List<RegexNode> branches) implements RegexNode {}

  /** A zero-width assertion: {@code ^ $ \b \B \A \z \Z \G \b{g}}. */
  record Anchor(String source) implements RegexNode {}

  /** {@code \1} or {@code \k<name>}. */
  record BackReference(String source) implements RegexNode {}

  /** A group: capturing, non-capturing, atomic, lookahead or lookbehind. */
  record Group(GroupKind kind, RegexNode body) implements RegexNode {}

  /** {@code body{min,max}}; {@code max == UNBOUNDED} for {@code *}, {@code +}, {@code {n,}}. */
  record Repeat(RegexNode body, int min, int max, Greed greed) implements RegexNode {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public boolean unbounded() {
      return max == UNBOUNDED;
    }
  }

  enum GroupKind {
    CAPTURING,
    NON_CAPTURING,
    ATOMIC,
    LOOKAHEAD,
    NEGATIVE_LOOKAHEAD,
    LOOKBEHIND,
    NEGATIVE_LOOKBEHIND;

    public boolean lookaround() {
      return compareTo(LOOKAHEAD) >= 0;
    }

    public boolean lookbehind() {
      return this == LOOKBEHIND || this == NEGATIVE_LOOKBEHIND;
    }
  }

  enum Greed {
    GREEDY,
    LAZY,
    POSSESSIVE
  }
}
