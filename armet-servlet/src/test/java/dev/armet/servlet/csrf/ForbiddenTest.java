package dev.armet.servlet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForbiddenTest {
  @ParameterizedTest(name = "Accept [{0}] -> JSON {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL,                                         false",
        "*/*,                                          false",
        "'text/html,application/xhtml+xml,*/*;q=0.8', false", // a browser navigation
        "application/json,                             true",
        "application/problem+json,                     true",
        "Application/JSON,                             true",
        "'application/json, text/plain, */*', true", // axios' default
        "'text/html;q=0.9,application/json', false", // asks for HTML too: browsers first
      })
  void wantsJson_table(String accept, boolean json) {
    assertThat(Forbidden.wantsJson(accept)).isEqualTo(json);
  }
}
