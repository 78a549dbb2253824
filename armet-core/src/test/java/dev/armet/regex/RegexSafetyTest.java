package dev.armet.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdicts for both engines' favourites, on the running JDK (25 in this build). Every finding's
 * attack is replayed again here, with the test's own counting sequence: the steps must be the
 * proof's, and they must grow as claimed.
 */
class RegexSafetyTest {

  static Stream<Arguments> patterns() {
    return Stream.of(
        // exponential in JavaScript, linear on the JDK (Loop.match memoises failed positions)
        Arguments.of("^(a|a)*$", MatchMode.MATCHES, Complexity.LINEAR, 0),
        Arguments.of("(a|a)*b", MatchMode.MATCHES, Complexity.LINEAR, 0),
        // the classic nested quantifier: quadratic, not exponential, on the JDK
        Arguments.of("(a+)+", MatchMode.MATCHES, Complexity.POLYNOMIAL, 2),
        Arguments.of("(\\w+\\s?)*$", MatchMode.MATCHES, Complexity.POLYNOMIAL, 2),
        Arguments.of("(x+x+)+y", MatchMode.MATCHES, Complexity.POLYNOMIAL, 3),
        // no memo: reluctant loops, loops nested in a quantified group, patterns with back
        // references
        Arguments.of("(a|aa)*?b", MatchMode.MATCHES, Complexity.EXPONENTIAL, 0),
        Arguments.of("((a|a)*)+b", MatchMode.MATCHES, Complexity.EXPONENTIAL, 0),
        Arguments.of("^(a+)+\\1$", MatchMode.MATCHES, Complexity.EXPONENTIAL, 0),
        // counted group: a degree-12 polynomial, seen as a high degree within the budget
        Arguments.of("(.*a){12}", MatchMode.MATCHES, Complexity.POLYNOMIAL, -6),
        // Java reads a?{25} as a? then an empty atom 25 times: nothing to backtrack
        Arguments.of("a?{25}a{25}", MatchMode.MATCHES, Complexity.CONSTANT, 0),
        // Stack Overflow 2016 outage (trailing white space, scanned from each position)
        Arguments.of("^[\\s\\u200c]+|[\\s\\u200c]+$", MatchMode.FIND, Complexity.POLYNOMIAL, 2),
        // Cloudflare 2019 outage
        Arguments.of(".*(?:.*=.*)", MatchMode.FIND, Complexity.POLYNOMIAL, 3),
        Arguments.of("\\s*#?\\s*$", MatchMode.FIND, Complexity.POLYNOMIAL, 3),
        // user-agent parsing (ua-parser style: a loop of ;-separated tokens, then anything but ')')
        Arguments.of(
            "^Mozilla/5\\.0 \\(([^;)]+;\\s*)*[^)]*\\)", MatchMode.FIND, Complexity.POLYNOMIAL, 2),
        // path-to-regexp CVE-2024-45296 shape: exponential/quadratic in JavaScript, linear here
        Arguments.of("^/([^/]+?)-([^/]+?)/?$", MatchMode.MATCHES, Complexity.LINEAR, 0),
        // safe forms JavaScript tools cannot even parse
        Arguments.of("(?:a+)++b", MatchMode.MATCHES, Complexity.LINEAR, 0),
        Arguments.of("(?>a+)+b", MatchMode.MATCHES, Complexity.LINEAR, 0),
        Arguments.of("(\\w+\\s?)*+$", MatchMode.MATCHES, Complexity.LINEAR, 0),
        Arguments.of("\\d+", MatchMode.FIND, Complexity.LINEAR, 0));
  }

  /** degree > 0: exactly that degree; degree < 0: at least -degree. */
  @ParameterizedTest(name = "{0} in {1} is {2}")
  @MethodSource("patterns")
  void analyze_knownPattern_measuredComplexityAndReproducibleAttack(
      String pattern, MatchMode mode, Complexity expected, int degree) {
    RegexVerdict v = RegexSafety.analyze(pattern, 0, mode);

    assertThat(v.complexity()).as(v.predicted() + " " + v.proof()).isEqualTo(expected);
    if (degree > 0) {
      assertThat(v.degree()).isEqualTo(degree);
    } else if (degree < 0) {
      assertThat(v.degree()).isGreaterThanOrEqualTo(-degree);
    }
    assertThat(v.modelled()).isTrue();
    if (expected == Complexity.POLYNOMIAL || expected == Complexity.EXPONENTIAL) {
      reproduce(v);
      assertThat(v.safe()).isFalse();
    }
  }

  private static void reproduce(RegexVerdict v) {
    List<Proof.Sample> done =
        v.proof().samples().stream().filter(s -> !s.budgetExceeded()).toList();
    Proof.Sample last = done.get(done.size() - 1);
    Proof.Sample earlier = done.get(done.size() - 3);
    long steps =
        EngineReplay.steps(v.pattern(), v.flags(), v.mode(), v.attack().build(last.repetitions()));
    assertThat(steps).as("the proof's steps, counted again on the engine").isEqualTo(last.steps());
    assertThat(
            EngineReplay.steps(
                v.pattern(), v.flags(), v.mode(), v.attack().build(earlier.repetitions())))
        .isEqualTo(earlier.steps());
    double lengthRatio = (double) last.length() / earlier.length();
    assertThat((double) last.steps() / earlier.steps())
        .as("super-linear growth")
        .isGreaterThan(lengthRatio * 1.5);
  }

  @Test
  void analyze_alternationLoop_linearButStackRiskReproduced() throws InterruptedException {
    RegexVerdict v = RegexSafety.analyze("(a|b)*", 0, MatchMode.MATCHES);

    assertThat(v.complexity()).isEqualTo(Complexity.LINEAR);
    StackRisk risk = v.stackRisk();
    assertThat(risk).isNotNull();
    assertThat(risk.overflowAt1m()).isBetween(100, 100_000);
    assertThat(
            EngineReplay.overflows(
                v.pattern(), v.mode(), risk.attack().build(risk.overflowAt1m() * 4), 1024 * 1024))
        .as("the attack at 4x the measured length overflows a 1 MiB stack")
        .isTrue();
    assertThat(v.safe()).isFalse();
    assertThat(v.rewrite().pattern()).isEqualTo("[ab]*");
  }

  @Test
  void analyze_deterministicGroupLoop_noStackRisk() {
    RegexVerdict v = RegexSafety.analyze("(?:ab)*", 0, MatchMode.MATCHES);

    assertThat(v.stackRisk()).isNull();
    assertThat(v.safe()).isTrue();
  }

  @Test
  void analyze_nestedQuantifier_possessiveRewriteChecked() {
    RegexVerdict v = RegexSafety.analyze("(\\w+\\s?)*$", 0, MatchMode.MATCHES);

    assertThat(v.rewrite()).isNotNull();
    assertThat(v.rewrite().pattern()).isEqualTo("(\\w+\\s?)*+$");
    assertThat(v.rewrite().corpusSize()).isGreaterThan(100);
    assertThat(RegexSafety.analyze(v.rewrite().pattern(), 0, MatchMode.MATCHES).safe()).isTrue();
  }

  @Test
  void analyze_invalidPattern_throwsTheJdksOwnError() {
    assertThatThrownBy(() -> RegexSafety.analyze("x{,3}", 0, MatchMode.MATCHES))
        .isInstanceOfSatisfying(
            PatternSyntaxException.class,
            e -> {
              assertThat(e.getDescription()).isEqualTo("Illegal repetition");
              assertThat(e.getIndex()).isEqualTo(2);
            });
  }

  @Test
  void analyze_memoisedLoop_saysSoInNotes() {
    RegexVerdict v = RegexSafety.analyze("^(a|a)*$", 0, MatchMode.MATCHES);

    assertThat(v.predicted()).contains("memoised");
    assertThat(v.notes()).anyMatch(n -> n.contains("memoised by the JDK"));
  }
}
