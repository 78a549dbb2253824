package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTokensTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL,                false",
        "'',                  false",
        "_csrf=abc,           true",
        "a=1&_csrf=abc,       true",
        "a=1&_csrf,           true", // a name without a value is still the name
        "_csrf=,              true",
        "%5Fcsrf=abc,         true", // decoded as the container decodes it
        "%5fcsrf=abc,         true",
        "a=_csrf,             false", // a value, not a name
        "x_csrf=1,            false",
        "_csrfx=1,            false",
        "_CSRF=1,             false", // parameter names are case-sensitive
        "a=1&&_csrf=2,        true",
        "%zz=1&_csrf=2,       true", // a malformed escape elsewhere does not hide it
        "_csrf%3D=1,          false",
      })
  void contains_table(String query, boolean expected) {
    assertThat(QueryTokens.contains(query, "_csrf")).isEqualTo(expected);
  }

  /**
   * Issue 10 item 27: each parameter searched for '=' to the end of the query, so a long query of
   * names without values ({@code a&a&a…}) cost quadratic time before any limit applied. Counted in
   * characters read, never timed.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"'a&'", "'&'", "'a=1&'", "'%41&'", "'ab'"})
  void contains_longQuery_readsEachCharacterABoundedNumberOfTimes(String unit) {
    for (int repeats : new int[] {1_000, 50_000}) {
      CountingChars query = new CountingChars(unit.repeat(repeats) + "&_csrf=x");
      assertThat(QueryTokens.contains(query, "_csrf")).isTrue();
      assertThat(query.reads)
          .as("characters read for a query of %d", query.length())
          .isLessThanOrEqualTo(3L * query.length());
    }
  }

  /** A query that counts how many characters the scan reads. */
  private static final class CountingChars implements CharSequence {
    private final String text;
    long reads;

    CountingChars(String text) {
      this.text = text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      reads += text.length();
      return text;
    }
  }
}
