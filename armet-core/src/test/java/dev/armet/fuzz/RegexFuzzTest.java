package dev.armet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.armet.regex.MatchMode;
import dev.armet.regex.Proof;
import dev.armet.regex.RegexVerdict;
import dev.armet.regex.internal.GrowthProof;
import dev.armet.regex.internal.RegexAnalyzer;
import java.util.regex.PatternSyntaxException;

/**
 * The ReDoS analyzer on any pattern up to 1,000 characters and any flags: a verdict, or the JDK's
 * own PatternSyntaxException (the documented error), nothing else; every replay within its step
 * budget (so the analysis ends).
 */
class RegexFuzzTest {
  @FuzzTest(maxDuration = "4s")
  void analyze_anyPattern_verdictOrPatternSyntaxException(FuzzedDataProvider data) {
    int flags = data.consumeInt() & 0x1ff;
    MatchMode mode = MatchMode.values()[data.consumeInt(0, 2)];
    String pattern = data.consumeRemainingAsString();
    if (pattern.length() > 1000) {
      pattern = pattern.substring(0, 1000);
    }
    RegexVerdict v;
    try {
      v = RegexAnalyzer.analyze(pattern, flags, mode, false);
    } catch (PatternSyntaxException expected) {
      return;
    }
    assertThat(v.complexity()).isNotNull();
    if (v.proof() != null) {
      for (Proof.Sample s : v.proof().samples()) {
        assertThat(s.steps()).isLessThanOrEqualTo(GrowthProof.BUDGET);
      }
    }
  }
}
