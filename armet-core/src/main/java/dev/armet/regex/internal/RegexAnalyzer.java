package dev.armet.regex.internal;

import dev.armet.regex.Attack;
import dev.armet.regex.Complexity;
import dev.armet.regex.MatchMode;
import dev.armet.regex.RegexVerdict;
import dev.armet.regex.Rewrite;
import dev.armet.regex.StackRisk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The analysis: compile (the JDK decides validity), read the pattern into the model, propose
 * attacks, screen them on the engine at two sizes, replay the worst ones at growing sizes, probe
 * the stack, and look for a checked rewrite. Runs on the caller's thread; {@code RegexSafety} gives
 * it a large stack so that the replay measures time, not the stack.
 */
public final class RegexAnalyzer {
  private static final long SCREEN_BUDGET = 50_000;
  private static final int PROVEN = 2;

  private RegexAnalyzer() {}

  public static RegexVerdict analyze(
      String pattern, int flags, MatchMode mode, boolean suggestRewrite) {
    Pattern compiled = Pattern.compile(pattern, flags);
    CharUniverse universe = CharUniverse.of(pattern);
    List<String> notes = new ArrayList<>();
    Model model = Model.read(pattern, flags, universe, notes);

    List<GrowthProof.Measured> measured = new ArrayList<>();
    for (Candidate candidate : screen(compiled, mode, model.candidates())) {
      measured.add(GrowthProof.measure(compiled, mode, candidate, model.exponentialPossible()));
    }
    GrowthProof.Measured worst =
        measured.stream()
            .max(Comparator.comparingDouble(GrowthProof.Measured::severity))
            .orElse(null);

    StackRisk stackRisk = probeStack(compiled, mode, model.stackCandidates());
    Complexity complexity = worst == null ? Complexity.LINEAR : worst.complexity();
    int degree = worst == null ? 0 : worst.degree();
    if (model.predictedWorse(complexity)) {
      notes.add(
          "the static model predicted more than the replay showed on this JDK; the replay decides");
    }
    Rewrite rewrite = null;
    boolean finding =
        complexity == Complexity.POLYNOMIAL
            || complexity == Complexity.EXPONENTIAL
            || stackRisk != null;
    if (suggestRewrite && finding && model.parsed() != null) {
      rewrite = RewriteAdvisor.suggest(pattern, flags, mode, model.parsed(), universe).orElse(null);
    }
    Attack attack = worst == null ? null : toAttack(worst.candidate());
    return new RegexVerdict(
        pattern,
        flags,
        mode,
        complexity,
        degree,
        attack,
        worst == null ? null : worst.proof(),
        stackRisk,
        rewrite,
        model.modelled(),
        model.predicted(),
        notes);
  }

  /** Runs each candidate at 8 and 16 repetitions and keeps the fastest-growing ones. */
  private static List<Candidate> screen(
      Pattern compiled, MatchMode mode, List<Candidate> candidates) {
    record Screened(Candidate candidate, double ratio, long steps) {}
    List<Screened> screened = new ArrayList<>();
    int exhausted = 0;
    for (Candidate c : candidates) {
      if (exhausted >= PROVEN) {
        break; // enough candidates already exhaust the screening budget: they are the worst kind
      }
      Replay.Run small = Replay.run(compiled, mode, c.build(8), SCREEN_BUDGET);
      if (small.stackOverflow()) {
        continue;
      }
      Replay.Run large =
          small.budgetExceeded() ? small : Replay.run(compiled, mode, c.build(16), SCREEN_BUDGET);
      if (large.budgetExceeded()) {
        exhausted++;
      }
      double ratio =
          large.budgetExceeded() || small.budgetExceeded()
              ? 1e9
              : (double) large.steps() / Math.max(1, small.steps());
      screened.add(new Screened(c, ratio, large.steps()));
    }
    screened.sort(
        Comparator.comparingDouble((Screened s) -> -s.ratio()).thenComparingLong(s -> -s.steps()));
    return screened.stream().limit(PROVEN).map(Screened::candidate).toList();
  }

  private static @Nullable StackRisk probeStack(
      Pattern compiled, MatchMode mode, List<Candidate> candidates) {
    StackRisk worst = null;
    for (Candidate c : candidates) {
      warmUp(compiled, mode, c);
      int at1m =
          StackProbe.overflowLength(compiled, mode, c, StackProbe.STACK_1M, StackProbe.MAX_LENGTH);
      if (at1m < 0 || (worst != null && worst.overflowAt1m() <= at1m)) {
        continue;
      }
      int at512k =
          StackProbe.overflowLength(
              compiled, mode, c, StackProbe.STACK_512K, StackProbe.MAX_LENGTH);
      worst = new StackRisk(toAttack(c), at512k, at1m, StackProbe.MAX_LENGTH);
    }
    return worst;
  }

  /**
   * Lets the JIT compile the recursive match methods first, so the lengths measured are the steady
   * state.
   */
  private static void warmUp(Pattern compiled, MatchMode mode, Candidate c) {
    String input = c.build(Math.max(1, 1000 / c.pump().length()));
    for (int i = 0; i < 20; i++) {
      Replay.run(compiled, mode, input, SCREEN_BUDGET);
    }
  }

  static Attack toAttack(Candidate c) {
    return new Attack(c.prefix(), c.pump(), c.suffix());
  }
}
