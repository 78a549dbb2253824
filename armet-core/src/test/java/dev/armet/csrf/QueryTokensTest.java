package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTokensTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(nullValues = "NULL", value = {
      "NULL,                false",
      "'',                  false",
      "_csrf=abc,           true",
      "a=1&_csrf=abc,       true",
      "a=1&_csrf,           true",   // a name without a value is still the name
      "_csrf=,              true",
      "%5Fcsrf=abc,         true",   // decoded as the container decodes it
      "%5fcsrf=abc,         true",
      "a=_csrf,             false",  // a value, not a name
      "x_csrf=1,            false",
      "_csrfx=1,            false",
      "_CSRF=1,             false",  // parameter names are case-sensitive
      "a=1&&_csrf=2,        true",
      "%zz=1&_csrf=2,       true",   // a malformed escape elsewhere does not hide it
      "_csrf%3D=1,          false",
  })
  void contains_table(String query, boolean expected) {
    assertThat(QueryTokens.contains(query, "_csrf")).isEqualTo(expected);
  }
}
