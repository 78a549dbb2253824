package dev.armet.regex.internal;

import dev.armet.regex.internal.LoopSite.EngineNode;
import dev.armet.regex.internal.RegexNode.Alternation;
import dev.armet.regex.internal.RegexNode.CharAtom;
import dev.armet.regex.internal.RegexNode.Greed;
import dev.armet.regex.internal.RegexNode.Group;
import dev.armet.regex.internal.RegexNode.Repeat;
import dev.armet.regex.internal.RegexNode.Sequence;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The static half of the analysis: walks the tree as {@code Pattern.compile} would build it and
 * classifies every quantifier (which engine node, whether the JDK memoises it, whether its body is
 * ambiguous). It proposes; the replay on the engine disposes.
 */
public final class StaticModel {
  /** A loop whose bound is at least this large is treated as unbounded for exponential blow-up. */
  static final int LARGE_BOUND = 32;

  private final NodeFacts facts;
  private final boolean hasBackReference;
  private final List<LoopSite> sites = new ArrayList<>();
  private boolean backReferenceInLoop;

  private StaticModel(NodeFacts facts, boolean hasBackReference) {
    this.facts = facts;
    this.hasBackReference = hasBackReference;
  }

  /** Classifies every quantifier of the parsed pattern. */
  public static StaticModel of(RegexParser.Parsed parsed, NodeFacts facts) {
    StaticModel model = new StaticModel(facts, parsed.hasBackReference());
    model.walk(parsed.root(), "", false, false, 0);
    return model;
  }

  public List<LoopSite> sites() {
    return sites;
  }

  /** A back reference inside a quantifier: outside what this model reasons about. */
  public boolean backReferenceInLoop() {
    return backReferenceInLoop;
  }

  /** Whether some loop can backtrack exponentially on this engine (ambiguous and not memoised). */
  public boolean exponentialPossible() {
    for (LoopSite site : sites) {
      if (site.ambiguous()
          && !site.memoized()
          && site.engineNode() != EngineNode.POSSESSIVE
          && site.repeat().max() >= LARGE_BOUND) {
        return true;
      }
    }
    return backReferenceInLoop;
  }

  private void walk(
      RegexNode node, String prefix, boolean inQuantifiedGroup, boolean inLookbehind, int loops) {
    if (node instanceof Sequence seq) {
      StringBuilder before = new StringBuilder(prefix);
      for (RegexNode item : seq.items()) {
        walk(item, before.toString(), inQuantifiedGroup, inLookbehind, loops);
        if (before.length() < 256) {
          before.append(facts.of(item).witness());
        }
      }
    } else if (node instanceof Alternation alt) {
      for (RegexNode branch : alt.branches()) {
        walk(branch, prefix, inQuantifiedGroup, inLookbehind, loops);
      }
    } else if (node instanceof Group group) {
      walk(
          group.body(),
          prefix,
          inQuantifiedGroup,
          inLookbehind || group.kind().lookbehind(),
          loops);
    } else if (node instanceof Repeat repeat) {
      boolean groupBody = repeat.body() instanceof Group;
      if (repeat.max() > 1) {
        sites.add(classify(repeat, prefix, inQuantifiedGroup, inLookbehind));
      }
      walk(repeat.body(), prefix, inQuantifiedGroup || groupBody, inLookbehind, loops + 1);
    } else if (node instanceof RegexNode.BackReference && loops > 0) {
      backReferenceInLoop = true;
    }
  }

  private LoopSite classify(
      Repeat repeat, String prefix, boolean inQuantifiedGroup, boolean inLookbehind) {
    RegexNode body = repeat.body();
    EngineNode engineNode;
    if (repeat.greed() == Greed.POSSESSIVE) {
      engineNode = EngineNode.POSSESSIVE;
    } else if (!(body instanceof Group g)
        || g.kind() == RegexNode.GroupKind.ATOMIC
        || g.kind().lookaround()) {
      engineNode = EngineNode.CURLY;
    } else if (facts.of(body).deterministic()) {
      engineNode = EngineNode.GROUP_CURLY;
    } else {
      engineNode = repeat.greed() == Greed.GREEDY ? EngineNode.LOOP : EngineNode.LAZY_LOOP;
    }
    boolean memoized =
        engineNode == EngineNode.LOOP
            && repeat.unbounded()
            && !inQuantifiedGroup
            && !inLookbehind
            && !hasBackReference;
    return new LoopSite(repeat, prefix, engineNode, memoized, ambiguous(body));
  }

  /** One iteration's text can be read two ways: overlapping alternatives or a nested loop. */
  private boolean ambiguous(RegexNode body) {
    BitSet loopFirst = facts.of(body).first();
    return ambiguousInside(body, loopFirst);
  }

  private boolean ambiguousInside(RegexNode node, BitSet loopFirst) {
    if (node instanceof Alternation alt) {
      BitSet seen = new BitSet();
      for (RegexNode branch : alt.branches()) {
        BitSet first = facts.of(branch).first();
        if (first.intersects(seen) || facts.of(branch).min() == 0) {
          return true;
        }
        seen.or(first);
      }
    }
    if (node instanceof Repeat inner
        && inner.max() > 1
        && inner.greed() != Greed.POSSESSIVE
        && facts.of(inner.body()).first().intersects(loopFirst)) {
      return true;
    }
    if (node instanceof Sequence seq) {
      for (RegexNode item : seq.items()) {
        if (ambiguousInside(item, loopFirst)) {
          return true;
        }
      }
    } else if (node instanceof Alternation alt) {
      for (RegexNode branch : alt.branches()) {
        if (ambiguousInside(branch, loopFirst)) {
          return true;
        }
      }
    } else if (node instanceof Group group
        && group.kind() != RegexNode.GroupKind.ATOMIC
        && !group.kind().lookaround()) {
      return ambiguousInside(group.body(), loopFirst);
    } else if (node instanceof Repeat inner && inner.greed() != Greed.POSSESSIVE) {
      return ambiguousInside(inner.body(), loopFirst);
    }
    return false;
  }

  /** How many atoms of the pattern match each universe character (more means more overlap). */
  public int[] overlapCounts(RegexNode root) {
    int[] counts = new int[facts.universe().size()];
    count(root, counts);
    return counts;
  }

  private void count(RegexNode node, int[] counts) {
    if (node instanceof CharAtom atom) {
      BitSet m = facts.universe().members(atom);
      for (int i = m.nextSetBit(0); i >= 0; i = m.nextSetBit(i + 1)) {
        counts[i]++;
      }
    } else if (node instanceof Sequence seq) {
      seq.items().forEach(n -> count(n, counts));
    } else if (node instanceof Alternation alt) {
      alt.branches().forEach(n -> count(n, counts));
    } else if (node instanceof Group group) {
      count(group.body(), counts);
    } else if (node instanceof Repeat repeat) {
      count(repeat.body(), counts);
    }
  }
}
