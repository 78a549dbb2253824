package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.deps.internal.Cvss3;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Cvss3Test {
  // Scores as NVD publishes them for these vectors (FIRST CVSS v3.1 calculator).
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5, HIGH",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9, MEDIUM",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N, 5.5, MEDIUM",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L, 5.3, MEDIUM",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N, 5.4, MEDIUM",
    "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N, 1.6, LOW",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H, 8.8, HIGH",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0, NONE"
  })
  void baseScore_knownVectors_matchFirstCalculator(String vector, double score, Severity severity) {
    assertThat(Cvss3.baseScore(vector)).contains(score);
    assertThat(Severity.ofScore(score)).isEqualTo(severity);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:3.1/AV:N/AC:L",
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "AV:N/AC:L/Au:N/C:C/I:C/A:C"
      })
  void baseScore_incompleteOrOtherVersion_isEmpty(String vector) {
    assertThat(Cvss3.baseScore(vector)).isEmpty();
  }
}
