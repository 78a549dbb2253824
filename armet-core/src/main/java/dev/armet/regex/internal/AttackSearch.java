package dev.armet.regex.internal;

import dev.armet.regex.internal.RegexNode.Alternation;
import dev.armet.regex.internal.RegexNode.Group;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Proposes attack shapes: for every loop, pumps that its body accepts (the characters most atoms
 * share first, one iteration's shortest text, each alternative's text), led by the text that
 * reaches the loop and ended by characters that make the match fail.
 */
public final class AttackSearch {
  static final int MAX_CANDIDATES = 48;

  private AttackSearch() {}

  public static List<Candidate> candidates(StaticModel model, NodeFacts facts, RegexNode root) {
    CharUniverse universe = facts.universe();
    int[] overlap = model.overlapCounts(root);
    List<String> suffixes = new ArrayList<>();
    suffixes.add("");
    suffixes.add(String.valueOf(universe.charAt(leastMatched(overlap, new BitSet()))));
    Set<Candidate> out = new LinkedHashSet<>();
    for (LoopSite site : model.sites()) {
      BitSet first = facts.of(site.repeat().body()).first();
      List<String> pumps = new ArrayList<>();
      IntStream.range(0, universe.size())
          .filter(first::get)
          .boxed()
          .sorted(Comparator.comparingInt((Integer i) -> -overlap[i]))
          .limit(2)
          .forEach(i -> pumps.add(String.valueOf(universe.charAt(i))));
      String witness = facts.of(site.repeat().body()).witness();
      if (witness.length() > 1 && witness.length() <= 16) {
        pumps.add(witness);
      }
      branchWitnesses(site.repeat().body(), facts, pumps);
      String siteKiller = String.valueOf(universe.charAt(leastMatched(overlap, first)));
      for (String pump : pumps) {
        if (pump.isEmpty()) {
          continue;
        }
        for (String suffix : suffixes) {
          out.add(new Candidate(site.prefix(), pump, suffix));
        }
        out.add(new Candidate(site.prefix(), pump, siteKiller));
        // in find mode a start-anchored alternative matches at once unless the input starts wrong
        out.add(new Candidate(suffixes.get(1) + site.prefix(), pump, siteKiller));
      }
    }
    return out.stream().limit(MAX_CANDIDATES).toList();
  }

  /** A character that the fewest atoms of the pattern match: it makes a match fail. */
  public static String killer(StaticModel model, NodeFacts facts, RegexNode root) {
    return String.valueOf(
        facts.universe().charAt(leastMatched(model.overlapCounts(root), new BitSet())));
  }

  /** Candidates for a pattern the model cannot read: every pattern character as a pump. */
  public static List<Candidate> blind(String pattern, CharUniverse universe) {
    Set<Candidate> out = new LinkedHashSet<>();
    for (int i = 0; i < universe.size() && out.size() < MAX_CANDIDATES; i++) {
      String pump = String.valueOf(universe.charAt(i));
      out.add(new Candidate("", pump, ""));
      out.add(new Candidate("", pump, "\u0000"));
      out.add(new Candidate("", pump, "!"));
    }
    return List.copyOf(out);
  }

  private static void branchWitnesses(RegexNode body, NodeFacts facts, List<String> pumps) {
    RegexNode node = body instanceof Group g ? g.body() : body;
    if (node instanceof Alternation alt) {
      for (RegexNode branch : alt.branches()) {
        String w = facts.of(branch).witness();
        if (!w.isEmpty() && w.length() <= 16 && !pumps.contains(w) && pumps.size() < 6) {
          pumps.add(w);
        }
      }
    }
  }

  /** The universe character outside {@code avoid} that the fewest atoms match. */
  private static int leastMatched(int[] overlap, BitSet avoid) {
    int best = -1;
    for (int i = 0; i < overlap.length; i++) {
      if (!avoid.get(i) && (best < 0 || overlap[i] < overlap[best])) {
        best = i;
      }
    }
    return best < 0 ? 0 : best;
  }
}
