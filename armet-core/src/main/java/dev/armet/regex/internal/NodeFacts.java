package dev.armet.regex.internal;

import dev.armet.regex.internal.RegexNode.Alternation;
import dev.armet.regex.internal.RegexNode.CharAtom;
import dev.armet.regex.internal.RegexNode.Group;
import dev.armet.regex.internal.RegexNode.Repeat;
import dev.armet.regex.internal.RegexNode.Sequence;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Objects;

/**
 * Per-node facts the model needs: the lengths a node can match, the characters it can start with, a
 * shortest string it matches, and whether the JDK's {@code Node.study} would call it deterministic
 * (which decides GroupCurly against Loop for a quantified group).
 */
public final class NodeFacts {
  /** The facts of one node. {@code max == Repeat.UNBOUNDED} when unbounded. */
  public record Fact(int min, int max, BitSet first, String witness, boolean deterministic) {}

  private static final int WITNESS_CAP = 64;
  private final CharUniverse universe;
  private final IdentityHashMap<RegexNode, Fact> facts = new IdentityHashMap<>();

  public NodeFacts(CharUniverse universe) {
    this.universe = universe;
  }

  public CharUniverse universe() {
    return universe;
  }

  public Fact of(RegexNode node) {
    Fact known = facts.get(node);
    if (known == null) {
      known = compute(node);
      facts.put(node, known);
    }
    return known;
  }

  private Fact compute(RegexNode node) {
    if (node instanceof CharAtom atom) {
      BitSet first = universe.members(atom);
      String witness = first.isEmpty() ? "" : String.valueOf(universe.charAt(first.nextSetBit(0)));
      return new Fact(1, 1, first, witness, true);
    }
    if (node instanceof Sequence seq) {
      int min = 0;
      int max = 0;
      BitSet first = new BitSet();
      boolean firstOpen = true;
      StringBuilder witness = new StringBuilder();
      boolean det = true;
      for (RegexNode item : seq.items()) {
        Fact f = of(item);
        min = add(min, f.min());
        max = add(max, f.max());
        if (firstOpen) {
          first.or(f.first());
          firstOpen = f.min() == 0;
        }
        if (witness.length() < WITNESS_CAP) {
          witness.append(f.witness());
        }
        det &= f.deterministic();
      }
      return new Fact(min, max, first, witness.toString(), det);
    }
    if (node instanceof Alternation alt) {
      int min = Repeat.UNBOUNDED;
      int max = 0;
      BitSet first = new BitSet();
      String witness = null;
      for (RegexNode branch : alt.branches()) {
        Fact f = of(branch);
        min = Math.min(min, f.min());
        max = Math.max(max, f.max());
        first.or(f.first());
        if (witness == null || f.witness().length() < witness.length()) {
          witness = f.witness();
        }
      }
      return new Fact(min, max, first, Objects.requireNonNull(witness), false); // >= 2 branches
    }
    if (node instanceof Group group) {
      Fact body = of(group.body());
      if (group.kind().lookaround()) {
        return new Fact(0, 0, new BitSet(), "", true);
      }
      return body;
    }
    if (node instanceof Repeat repeat) {
      Fact body = of(repeat.body());
      int min = mul(body.min(), repeat.min());
      int max = repeat.max() == 0 ? 0 : mul(body.max(), repeat.max());
      StringBuilder witness = new StringBuilder();
      for (int i = 0; i < repeat.min() && witness.length() < WITNESS_CAP; i++) {
        witness.append(body.witness());
      }
      boolean det = body.deterministic() && repeat.min() == repeat.max();
      return new Fact(
          min, max, repeat.max() == 0 ? new BitSet() : body.first(), witness.toString(), det);
    }
    if (node instanceof RegexNode.BackReference) {
      BitSet all = new BitSet();
      all.set(0, universe.size());
      return new Fact(0, Repeat.UNBOUNDED, all, "", false);
    }
    return new Fact(0, 0, new BitSet(), "", true); // Empty, Anchor
  }

  private static int add(int a, int b) {
    long sum = (long) a + b;
    return sum >= Repeat.UNBOUNDED ? Repeat.UNBOUNDED : (int) sum;
  }

  private static int mul(int a, int b) {
    long product = (long) a * b;
    return product >= Repeat.UNBOUNDED ? Repeat.UNBOUNDED : (int) product;
  }
}
