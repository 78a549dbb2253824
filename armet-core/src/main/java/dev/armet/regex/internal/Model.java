package dev.armet.regex.internal;

import dev.armet.regex.Complexity;
import dev.armet.regex.internal.LoopSite.EngineNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the static side hands to the replay: the candidates to try, whether exponential growth is
 * possible on this engine, the loops that recurse (stack candidates) and the prediction in words.
 * When the parser cannot read the pattern, the model is "blind": it proposes a bounded search over
 * the pattern's own characters and says so.
 */
record Model(
    RegexParser.@Nullable Parsed parsed,
    boolean modelled,
    List<Candidate> candidates,
    List<Candidate> stackCandidates,
    boolean exponentialPossible,
    Complexity predictedLevel,
    String predicted) {
  private static final int MAX_STACK_CANDIDATES = 4;

  static Model read(String pattern, int flags, CharUniverse universe, List<String> notes) {
    try {
      RegexParser.Parsed parsed = RegexParser.parse(pattern, flags);
      NodeFacts facts = new NodeFacts(universe);
      facts.of(parsed.root());
      StaticModel model = StaticModel.of(parsed, facts);
      List<Candidate> candidates =
          new ArrayList<>(AttackSearch.candidates(model, facts, parsed.root()));
      boolean modelled = true;
      if (model.backReferenceInLoop()) {
        modelled = false;
        notes.add(
            "a back reference inside a loop is outside the model: the attack search also ran blind on the engine");
        candidates.addAll(AttackSearch.blind(pattern, universe));
      }
      List<Candidate> stack = new ArrayList<>();
      String killer = AttackSearch.killer(model, facts, parsed.root());
      for (LoopSite site : model.sites()) {
        String pump = facts.of(site.repeat().body()).witness();
        if ((site.engineNode() == EngineNode.LOOP || site.engineNode() == EngineNode.LAZY_LOOP)
            && !pump.isEmpty()
            && site.repeat().max() >= StackProbe.MAX_LENGTH / 4
            && stack.size() < MAX_STACK_CANDIDATES) {
          stack.add(new Candidate(site.prefix(), pump, ""));
          stack.add(new Candidate(site.prefix(), pump, killer));
        }
        if (site.memoized() && site.ambiguous()) {
          notes.add(
              "loop "
                  + RegexPrinter.print(site.repeat(), flags)
                  + " is ambiguous but memoised by the JDK (greedy unbounded Loop, Loop.match's failed-position set)");
        }
      }
      return describe(parsed, modelled, candidates, stack, model, flags);
    } catch (
        RuntimeException
            e) { // RegexParser.Unsupported, or any gap in the model: fall back, never fail
      notes.add(
          "the model cannot read this pattern ("
              + e.getMessage()
              + "); the verdict comes from a bounded search on the engine alone");
      return new Model(
          null,
          false,
          AttackSearch.blind(pattern, universe),
          List.of(),
          true,
          Complexity.EXPONENTIAL,
          "not modelled");
    }
  }

  private static Model describe(
      RegexParser.Parsed parsed,
      boolean modelled,
      List<Candidate> candidates,
      List<Candidate> stack,
      StaticModel model,
      int flags) {
    List<String> reasons = new ArrayList<>();
    Complexity level = Complexity.LINEAR;
    for (LoopSite site : model.sites()) {
      if (!site.ambiguous() || site.engineNode() == EngineNode.POSSESSIVE) {
        continue;
      }
      String loop = RegexPrinter.print(site.repeat(), flags);
      if (site.memoized()) {
        reasons.add(loop + " ambiguous, memoised: polynomial at most");
        level = level == Complexity.EXPONENTIAL ? level : Complexity.POLYNOMIAL;
      } else if (site.repeat().max() >= StaticModel.LARGE_BOUND) {
        reasons.add(
            loop + " ambiguous, not memoised (" + whyNot(site, parsed) + "): exponential possible");
        level = Complexity.EXPONENTIAL;
      } else {
        reasons.add(loop + " ambiguous, bounded: polynomial at most");
        level = level == Complexity.EXPONENTIAL ? level : Complexity.POLYNOMIAL;
      }
    }
    if (model.backReferenceInLoop()) {
      level = Complexity.EXPONENTIAL;
      reasons.add("back reference in a loop: not modelled");
    }
    if (reasons.isEmpty()) {
      reasons.add(
          model.sites().size() > 1
              ? "no ambiguous loop; adjacent loops may overlap (polynomial candidates)"
              : "no ambiguous loop");
    }
    String predicted = level.label() + ": " + String.join("; ", reasons);
    return new Model(
        parsed, modelled, candidates, stack, model.exponentialPossible(), level, predicted);
  }

  private static String whyNot(LoopSite site, RegexParser.Parsed parsed) {
    if (site.engineNode() == EngineNode.LAZY_LOOP) {
      return "reluctant";
    }
    if (site.engineNode() != EngineNode.LOOP) {
      return site.engineNode().name();
    }
    if (!site.repeat().unbounded()) {
      return "bounded count";
    }
    if (parsed.hasBackReference()) {
      return "the pattern has a back reference";
    }
    return "nested in a quantified group or a lookbehind";
  }

  boolean predictedWorse(Complexity measured) {
    return modelled
        && predictedLevel.compareTo(measured) > 0
        && predictedLevel == Complexity.EXPONENTIAL;
  }
}
