package dev.armet.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model reads everything java.util.regex accepts that matters for backtracking. */
class RegexSyntaxTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "a*?b+?c??d*+e++f?+",
        "x{2}y{2,}z{2,5}w{0,1}?v{3,}+",
        "(?<year>\\d{4})-(?<month>\\d\\d)",
        "(?:ab)(?>cd)(?=e)(?!f)(?<=g)(?<!h)",
        "(?i)abc(?-i)def(?s:.)(?m)^$",
        "(?x) a b # comment\n c",
        "[a-z&&[^aeiou]][\\w&&\\D][a[b-d]]x[]a][^]b]",
        "\\Q(a+)+\\E*",
        "\\t\\n\\x41\\x{1F600}\\u00e9\\0101\\cA\\e\\N{LATIN SMALL LETTER A}",
        "\\bword\\B\\A\\z\\Z\\G\\b{g}",
        "\\R\\X\\h\\H\\v\\V\\p{L}\\P{Lu}\\pN\\p{IsLatin}\\p{javaLowerCase}",
        "a{2}{3}",
        "}]",
        "(a)(b)\\2",
        "(?<n>x)\\k<n>",
        "a|b||c",
        "()",
        "(?:)*",
        "[\\Q]\\E]",
        "a(?x:b c)d"
      })
  void analyze_validSyntax_modelledAndNeverThrows(String pattern) {
    Pattern.compile(pattern);
    RegexVerdict v = RegexSafety.analyze(pattern, 0, MatchMode.FIND);

    assertThat(v.modelled()).as(v.notes().toString()).isTrue();
    assertThat(v.complexity()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"(a+)+\\1", "(a|\\1b)*c"})
  void analyze_backReferenceInLoop_fallsBackToEngineSearchAndSaysSo(String pattern) {
    RegexVerdict v = RegexSafety.analyze(pattern, 0, MatchMode.MATCHES);

    if (pattern.startsWith("(a|")) {
      assertThat(v.modelled()).isFalse();
      assertThat(v.notes()).anyMatch(n -> n.contains("back reference inside a loop"));
    }
    assertThat(v.complexity()).isNotNull();
  }

  @ParameterizedTest(name = "flags {0}")
  @ValueSource(
      ints = {
        Pattern.CASE_INSENSITIVE,
        Pattern.COMMENTS,
        Pattern.DOTALL | Pattern.MULTILINE,
        Pattern.LITERAL,
        Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE
      })
  void analyze_passedFlags_applyToTheModel(int flags) {
    RegexVerdict v = RegexSafety.analyze("(A+)+ b", flags, MatchMode.MATCHES);

    assertThat(v.flags()).isEqualTo(flags);
    assertThat(v.modelled()).isTrue();
  }
}
