package dev.armet.regex.internal;

import dev.armet.regex.MatchMode;
import dev.armet.regex.RegexVerdict;
import dev.armet.regex.Rewrite;
import dev.armet.regex.internal.RegexNode.Alternation;
import dev.armet.regex.internal.RegexNode.CharAtom;
import dev.armet.regex.internal.RegexNode.Greed;
import dev.armet.regex.internal.RegexNode.Group;
import dev.armet.regex.internal.RegexNode.Repeat;
import dev.armet.regex.internal.RegexNode.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Proposes safer equivalents and keeps one only if it is checked: an alternation of single
 * characters under a loop becomes one class ({@code (a|b)*} → {@code [ab]*}: one node, no
 * recursion), and an ambiguous greedy loop becomes possessive ({@code (\w+\s?)*} → {@code
 * (\w+\s?)*+}) when nothing after it needs it to give back. A proposal is kept only when it agrees
 * with the original on every string of a generated corpus ({@link Corpus}) and its own verdict is
 * safe.
 */
public final class RewriteAdvisor {
  private RewriteAdvisor() {}

  public static Optional<Rewrite> suggest(
      String pattern, int flags, MatchMode mode, RegexParser.Parsed parsed, CharUniverse universe) {
    record Proposal(UnaryOperator<RegexNode> transform, String reason) {}
    List<Proposal> proposals =
        List.of(
            new Proposal(
                RewriteAdvisor::classes,
                "single-character alternatives as one class: no per-character recursion"),
            new Proposal(
                n -> possessive(classes(n)), "possessive loops: no backtracking into them"),
            new Proposal(
                RewriteAdvisor::possessive, "possessive loops: no backtracking into them"));
    List<String> corpus = null;
    for (Proposal proposal : proposals) {
      String text = RegexPrinter.print(proposal.transform().apply(parsed.root()), flags);
      if (text.equals(pattern)) {
        continue;
      }
      Pattern candidate;
      try {
        candidate = Pattern.compile(text, flags);
      } catch (RuntimeException e) {
        continue;
      }
      if (corpus == null) {
        corpus = Corpus.generate(pattern, flags, parsed, universe);
      }
      if (!Corpus.agree(Pattern.compile(pattern, flags), candidate, mode, corpus)) {
        continue;
      }
      RegexVerdict verdict = RegexAnalyzer.analyze(text, flags, mode, false);
      if (verdict.safe()) {
        return Optional.of(new Rewrite(text, proposal.reason(), corpus.size()));
      }
    }
    return Optional.empty();
  }

  /** {@code (a|b|[c-d])} under a loop → {@code [ab[c-d]]}. */
  static RegexNode classes(RegexNode node) {
    return map(
        node,
        n -> {
          if (n instanceof Repeat r
              && r.body() instanceof Group g
              && !g.kind().lookaround()
              && g.kind() != RegexNode.GroupKind.ATOMIC
              && g.body() instanceof Alternation alt) {
            StringBuilder union = new StringBuilder("[");
            Integer flags = null;
            for (RegexNode branch : alt.branches()) {
              if (!(branch instanceof CharAtom atom)
                  || atom.source().equals(".")
                  || atom.source().equals("\\X")
                  || (flags != null && flags != atom.flags())) {
                return n;
              }
              flags = atom.flags();
              union.append(atom.source());
            }
            return new Repeat(
                new CharAtom(union.append(']').toString(), Objects.requireNonNull(flags)),
                r.min(),
                r.max(),
                r.greed());
          }
          return n;
        });
  }

  /** Every greedy unbounded loop over a group → possessive. */
  static RegexNode possessive(RegexNode node) {
    return map(
        node,
        n ->
            n instanceof Repeat r
                    && r.greed() == Greed.GREEDY
                    && r.unbounded()
                    && r.body() instanceof Group
                ? new Repeat(r.body(), r.min(), r.max(), Greed.POSSESSIVE)
                : n);
  }

  /** Rebuilds the tree bottom-up through {@code f}. */
  static RegexNode map(RegexNode node, UnaryOperator<RegexNode> f) {
    RegexNode rebuilt = node;
    if (node instanceof Sequence s) {
      List<RegexNode> items = new ArrayList<>();
      s.items().forEach(i -> items.add(map(i, f)));
      rebuilt = new Sequence(List.copyOf(items));
    } else if (node instanceof Alternation a) {
      List<RegexNode> branches = new ArrayList<>();
      a.branches().forEach(b -> branches.add(map(b, f)));
      rebuilt = new Alternation(List.copyOf(branches));
    } else if (node instanceof Group g) {
      rebuilt = new Group(g.kind(), map(g.body(), f));
    } else if (node instanceof Repeat r) {
      rebuilt = new Repeat(map(r.body(), f), r.min(), r.max(), r.greed());
    }
    return f.apply(rebuilt);
  }
}
