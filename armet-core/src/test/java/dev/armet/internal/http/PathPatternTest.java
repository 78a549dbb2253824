package dev.armet.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {
  @ParameterizedTest
  @CsvSource({
    "/logout, /logout, true",
    "/logout, /logout/, false",
    "/logout, /Logout, false",
    "/api/*, /api, true",
    "/api/*, /api/, true",
    "/api/*, /api/x/y, true",
    "/api/*, /apix, false",
    "/*, /, true",
    "/*, /anything, true",
  })
  void matches_table(String pattern, String path, boolean expected) {
    assertThat(PathPattern.of(pattern).matches(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"api/*", "/a*b", "/*/x", "/api*"})
  void of_malformed_refused(String pattern) {
    assertThatThrownBy(() -> PathPattern.of(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pattern);
  }
}
