package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.http.Origin;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginCheckTest {
  static final Origin SERVER = Origin.parse("https://app.example");
  static final OriginCheck CHECK =
      new OriginCheck(Set.of(Origin.parse("https://admin.example:8443")));

  @ParameterizedTest(name = "Origin [{0}] Referer [{1}] -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // Origin header,                Referer,                          refusal
        "https://app.example,            NULL,                             NULL",
        "https://app.example:443,        NULL,                             NULL", // default port
        "HTTPS://APP.EXAMPLE,            NULL,                             NULL", // case-insensitive
        "http://app.example,             NULL,                             ORIGIN_MISMATCH", // scheme
        "https://app.example:8443,       NULL,                             ORIGIN_MISMATCH", // port
        "https://evil.example,           NULL,                             ORIGIN_MISMATCH",
        "https://app.example.evil.example, NULL,                           ORIGIN_MISMATCH", // suffix
        "https://evil.example/https://app.example, NULL,                   ORIGIN_MISMATCH", // path
        "https://user@app.example,       NULL,                             ORIGIN_MISMATCH", // userinfo
        "null,                           NULL,                             ORIGIN_NULL",
        "null,                           https://app.example/form,         ORIGIN_NULL", // Origin
        // wins
        "'',                             NULL,                             ORIGIN_MISMATCH",
        "https://admin.example:8443,     NULL,                             NULL", // allow-listed
        "https://admin.example,          NULL,                             ORIGIN_MISMATCH", // not
        // that
        // port
        "https://evil.example,           https://app.example/form,         ORIGIN_MISMATCH", // Origin wins
        "NULL,                           https://app.example/form?x=1#f,   NULL", // Referer only
        "NULL,                           https://app.example:443/,         NULL",
        "NULL,                           https://evil.example/app.example, REFERER_MISMATCH",
        "NULL,                           https://app.example@evil.example/, REFERER_MISMATCH",
        "NULL,                           android-app://com.example/,       REFERER_MISMATCH",
        "NULL,                           /relative/path,                   REFERER_MISMATCH",
        "NULL,                           NULL,                             NULL", // the token
        // decides
        "NULL,                           '',                               NULL",
      })
  void check_table(String origin, String referer, Refusal expected) {
    assertThat(CHECK.check(origin, referer, SERVER)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "https://admin.example:8443, true",
        "https://app.example,        false", // the server itself is not "allow-listed"
        "null,                       false",
        "NULL,                       false",
      })
  void allowListed_table(String origin, boolean expected) {
    assertThat(CHECK.allowListed(origin)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {"https://app.example, NULL", "NULL, https://app.example/"})
  void check_withoutServerOrigin_onlyAllowListPasses(String origin, String referer) {
    assertThat(CHECK.check(origin, referer, null)).isNotNull();
    assertThat(CHECK.check("https://admin.example:8443", null, null)).isNull();
  }
}
