package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchMetadataCheckTest {
  @ParameterizedTest(name = "Sec-Fetch-Site [{0}], allowSameSite={1} -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // value,        allowSameSite, refusal (NULL = go on)
        "NULL,           false, NULL", // old browser or non-browser client
        "same-origin,    false, NULL",
        "none,           false, NULL", // typed URL, bookmark
        "cross-site,     false, CROSS_SITE",
        "cross-site,     true,  CROSS_SITE", // allowing same-site never allows cross-site
        "same-site,      false, SAME_SITE",
        "same-site,      true,  NULL",
        "' cross-site ', false, CROSS_SITE", // surrounding whitespace is not a way around it
        "Cross-Site,     false, NULL", // values are case-sensitive tokens (Fetch §2.4)
        "future-value,   false, NULL", // unknown values defer to the next layers
      })
  void check_table(String value, boolean allowSameSite, Refusal expected) {
    assertThat(FetchMetadataCheck.check(value, allowSameSite)).isEqualTo(expected);
  }
}
