package dev.armet.regex.internal;

import dev.armet.regex.Complexity;
import dev.armet.regex.MatchMode;
import dev.armet.regex.Proof;
import dev.armet.regex.Proof.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Replays an attack at growing sizes (1, 2, 3, 4, 6, 8, 12, 16... repetitions, about ×1.4 each)
 * until the work passes {@link #STOP_STEPS}, a run exhausts {@link #BUDGET}, or the input reaches
 * {@link #MAX_LENGTH}; then fits the growth. The classification needs the samples to show it:
 * exponential when the log-log slope keeps rising and the static model allows it, polynomial when
 * the slope rounds to 2 or more, constant when the work does not grow at all.
 */
public final class GrowthProof {
  public static final long BUDGET = 1_000_000;
  static final long STOP_STEPS = 250_000;
  static final int MAX_LENGTH = 40_000;
  private static final double EXPONENTIAL_ACCELERATION = 1.2;

  /** A measured growth: the samples and what they show. */
  public record Measured(Candidate candidate, Proof proof, Complexity complexity, int degree) {
    /** Orders findings: exponential, then higher degree, then more steps at the largest size. */
    public double severity() {
      double base =
          switch (complexity) {
            case EXPONENTIAL -> 1e9;
            case POLYNOMIAL -> degree * 1e6;
            case LINEAR -> 1e3;
            case CONSTANT -> 0;
          };
      List<Sample> s = proof.samples();
      return base
          + (s.isEmpty() ? 0 : Math.min(999, Math.log((double) (1 + s.get(s.size() - 1).steps()))));
    }
  }

  private GrowthProof() {}

  public static Measured measure(
      Pattern pattern, MatchMode mode, Candidate candidate, boolean exponentialPossible) {
    List<Sample> samples = new ArrayList<>();
    int reps = 1;
    while (true) {
      String input = candidate.build(reps);
      Replay.Run run = Replay.run(pattern, mode, input, BUDGET);
      if (run.stackOverflow()) {
        break; // the stack risk is measured apart; the time series ends here
      }
      samples.add(new Sample(reps, input.length(), run.steps(), run.budgetExceeded()));
      if (run.budgetExceeded() || run.steps() > STOP_STEPS || input.length() >= MAX_LENGTH) {
        break;
      }
      int next = Math.max(reps + 1, reps * 3 / 2);
      int cap =
          (MAX_LENGTH - candidate.prefix().length() - candidate.suffix().length())
              / candidate.pump().length();
      if (Math.min(next, cap) <= reps) {
        break;
      }
      reps = Math.min(next, cap);
    }
    return classify(candidate, samples, exponentialPossible);
  }

  static Measured classify(Candidate candidate, List<Sample> samples, boolean exponentialPossible) {
    int n = samples.size();
    boolean exceeded = n > 0 && samples.get(n - 1).budgetExceeded();
    if (n < 3) {
      Proof proof = new Proof(samples, 0, 0, exceeded, BUDGET);
      if (!exceeded) {
        return new Measured(candidate, proof, Complexity.LINEAR, 0);
      }
      // the budget ran out within two sizes: huge work on a tiny input
      return exponentialPossible
          ? new Measured(candidate, proof, Complexity.EXPONENTIAL, 0)
          : new Measured(candidate, proof, Complexity.POLYNOMIAL, 2);
    }
    // a last size that ran out of budget is only a lower bound: fit on the completed sizes when
    // there are enough
    int last3 = exceeded && n >= 4 ? n - 2 : n - 1;
    Sample a = samples.get(last3 - 2);
    Sample b = samples.get(last3 - 1);
    Sample c = samples.get(last3);
    double last = slope(b, c);
    double previous = slope(a, b);
    double perPump =
        Math.exp(Math.log((double) c.steps() / b.steps()) / (c.repetitions() - b.repetitions()));
    boolean accelerating =
        previous > 0.5 && last / previous >= EXPONENTIAL_ACCELERATION && last >= 3;
    Complexity complexity;
    int degree = 0;
    if (exponentialPossible && accelerating && c.repetitions() <= 200) {
      complexity = Complexity.EXPONENTIAL;
    } else if (last < 0.2) {
      complexity = Complexity.CONSTANT;
    } else if (last < 1.5) {
      complexity = Complexity.LINEAR;
    } else {
      complexity = Complexity.POLYNOMIAL;
      degree = (int) Math.round(last);
    }
    Proof proof =
        new Proof(
            samples,
            round(last),
            complexity == Complexity.EXPONENTIAL ? round(perPump) : 0,
            exceeded,
            BUDGET);
    return new Measured(candidate, proof, complexity, degree);
  }

  private static double slope(Sample x, Sample y) {
    if (y.length() == x.length() || x.steps() <= 0) {
      return 0;
    }
    return Math.log((double) Math.max(1, y.steps()) / x.steps())
        / Math.log((double) y.length() / x.length());
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
