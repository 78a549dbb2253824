package dev.armet.bench;

import dev.armet.regex.MatchMode;
import dev.armet.regex.RegexSafety;
import dev.armet.regex.RegexVerdict;
import dev.armet.regex.internal.AttackSearch;
import dev.armet.regex.internal.CharUniverse;
import dev.armet.regex.internal.NodeFacts;
import dev.armet.regex.internal.RegexParser;
import dev.armet.regex.internal.StaticModel;
import java.util.Arrays;

/**
 * Wall time of the ReDoS analyzer per pattern: the static verdict (parse, JDK loop model, attack
 * candidates) and the full analysis with the replay proof, stack probe and rewrite check. Median of
 * 5 runs after 3 warm-up runs. Run (after {@code mvn -o -q -pl armet-bench -am verify
 * -DskipTests}): {@code java -cp "armet-core/target/classes:armet-bench/target/classes"
 * dev.armet.bench.RegexTiming}
 */
public final class RegexTiming {
  private static final String[][] PATTERNS = {
    {"^(a|a)*$", "MATCHES"},
    {"(a+)+$", "FIND"},
    {"(x+x+)+y", "MATCHES"},
    {"(a|aa)*?b", "MATCHES"},
    {"(.*a){12}", "MATCHES"},
    {"^[\\s\\u200c]+|[\\s\\u200c]+$", "FIND"},
    {".*(?:.*=.*)", "FIND"},
    {"(a|b)*", "MATCHES"},
    {"(\\w+\\s?)*$", "MATCHES"},
    {"\\d+", "FIND"},
    {"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$", "MATCHES"}
  };

  private RegexTiming() {}

  public static void main(String[] args) {
    System.out.printf(
        "%-52s %-8s %10s %10s  %s%n", "pattern", "mode", "static ms", "full ms", "verdict");
    for (String[] p : PATTERNS) {
      MatchMode mode = MatchMode.valueOf(p[1]);
      double staticMs =
          median(
              () -> {
                CharUniverse universe = CharUniverse.of(p[0]);
                RegexParser.Parsed parsed = RegexParser.parse(p[0], 0);
                NodeFacts facts = new NodeFacts(universe);
                AttackSearch.candidates(StaticModel.of(parsed, facts), facts, parsed.root());
              });
      RegexVerdict[] last = new RegexVerdict[1];
      double fullMs = median(() -> last[0] = RegexSafety.analyze(p[0], 0, mode));
      System.out.printf(
          "%-52s %-8s %10.2f %10.1f  %s%s%n",
          p[0],
          p[1],
          staticMs,
          fullMs,
          last[0].complexityText(),
          last[0].stackRisk() == null ? "" : ", stack risk");
    }
  }

  private static double median(Runnable r) {
    for (int i = 0; i < 3; i++) {
      r.run();
    }
    double[] ms = new double[5];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[2];
  }
}
