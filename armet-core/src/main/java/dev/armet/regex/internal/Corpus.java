package dev.armet.regex.internal;

import dev.armet.regex.MatchMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic corpus for checking that two patterns agree: strings built from the pattern's own
 * attack shapes (which match, or nearly match) and random strings over its alphabet, with
 * single-character mutations of each.
 */
final class Corpus {
  private static final int RANDOM = 300;
  private static final long BUDGET = 20_000;

  private Corpus() {}

  static List<String> generate(
      String pattern, int flags, RegexParser.Parsed parsed, CharUniverse universe) {
    Set<String> out = new LinkedHashSet<>();
    out.add("");
    NodeFacts facts = new NodeFacts(universe);
    StaticModel model = StaticModel.of(parsed, facts);
    out.add(facts.of(parsed.root()).witness());
    for (Candidate c : AttackSearch.candidates(model, facts, parsed.root())) {
      for (int r = 0; r <= 4; r++) {
        out.add(c.build(r));
        out.add(c.prefix() + c.pump().repeat(r));
      }
    }
    Random random = new Random(pattern.hashCode() ^ flags);
    List<String> seeds = new ArrayList<>(out);
    for (String seed : seeds) {
      if (!seed.isEmpty()) {
        char[] chars = seed.toCharArray();
        chars[random.nextInt(chars.length)] = universe.charAt(random.nextInt(universe.size()));
        out.add(new String(chars));
      }
    }
    for (int i = 0; i < RANDOM; i++) {
      int length = random.nextInt(12);
      StringBuilder s = new StringBuilder();
      for (int j = 0; j < length; j++) {
        s.append(universe.charAt(random.nextInt(Math.min(universe.size(), 24))));
      }
      out.add(s.toString());
    }
    return List.copyOf(out);
  }

  /** Whether both patterns give the same answer and the same match bounds for every string. */
  static boolean agree(Pattern original, Pattern candidate, MatchMode mode, List<String> corpus) {
    for (String s : corpus) {
      try {
        Matcher a = original.matcher(new CountingSequence(s, BUDGET));
        Matcher b = candidate.matcher(new CountingSequence(s, BUDGET));
        boolean ra = Replay.match(a, mode);
        boolean rb = Replay.match(b, mode);
        if (ra != rb || (ra && (a.start() != b.start() || a.end() != b.end()))) {
          return false;
        }
      } catch (CountingSequence.StepBudgetExceeded | StackOverflowError e) {
        // too costly to decide on the original: this string proves nothing either way
      }
    }
    return true;
  }
}
