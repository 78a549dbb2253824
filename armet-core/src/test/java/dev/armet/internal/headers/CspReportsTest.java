package dev.armet.internal.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CspReportsTest {
  static List<CspViolation> parse(String type, String body) {
    return CspReports.parse(type, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void legacyReport_asChromiumSendsIt_parsed() {
    List<CspViolation> v =
        parse(
            "application/csp-report",
            """
        {"csp-report":{"document-uri":"https://localhost:8443/","referrer":"",
        "violated-directive":"script-src-elem","effective-directive":"script-src-elem",
        "original-policy":"default-src 'self'","disposition":"enforce","blocked-uri":"inline",
        "line-number":12,"column-number":5,"source-file":"https://localhost:8443/",
        "status-code":200,"script-sample":""}}""");
    assertThat(v)
        .containsExactly(
            new CspViolation(
                "https://localhost:8443/",
                "script-src-elem",
                "inline",
                "https://localhost:8443/",
                12,
                "",
                "enforce"));
    assertThat(v.get(0).toEvent().toString())
        .startsWith("csp_violation directive=\"script-src-elem\" blocked=\"inline\"");
  }

  @Test
  void legacyReport_withoutEffectiveDirective_usesViolated() {
    assertThat(
            parse(
                "application/csp-report", "{\"csp-report\":{\"violated-directive\":\"img-src\"}}"))
        .extracting(CspViolation::directive)
        .containsExactly("img-src");
  }

  @Test
  void reportingApiBatch_parsedAndOtherTypesSkipped() {
    List<CspViolation> v =
        parse(
            "application/reports+json",
            """
        [{"type":"csp-violation","age":3,"url":"https://a/","user_agent":"x","body":{
          "documentURL":"https://a/","blockedURL":"https://evil/x.js","effectiveDirective":"script-src-elem",
          "originalPolicy":"…","sourceFile":"https://a/app.js","sample":"","disposition":"report",
          "statusCode":200,"lineNumber":3,"columnNumber":1}},
         {"type":"deprecation","body":{"id":"x"}}]""");
    assertThat(v)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.blockedUri()).isEqualTo("https://evil/x.js");
              assertThat(x.disposition()).isEqualTo("report");
              assertThat(x.line()).isEqualTo(3);
            });
  }

  @Test
  void hugeBatch_cappedAndLongFieldsCut() {
    String one =
        "{\"type\":\"csp-violation\",\"body\":{\"effectiveDirective\":\"img-src\",\"documentURL\":\""
            + "a".repeat(600)
            + "\"}}";
    String body = "[" + String.join(",", java.util.Collections.nCopies(300, one)) + "]";
    List<CspViolation> v = parse("application/reports+json", body);
    assertThat(v).hasSize(CspReports.MAX_BATCH);
    assertThat(v.get(0).documentUri()).hasSize(CspReports.MAX_FIELD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "{}",
        "[]",
        "{\"csp-report\":1}",
        "{\"csp-report\":{}",
        "{\"csp-report\":{}}",
        "[[[[[[[[[[[[[[1]]]]]]]]]]]]]",
        "{\"csp-report\":{\"document-uri\":\"\\ud800\"}}",
        "\u0000",
        "[{\"type\":\"csp-violation\",\"body\":[]}]"
      })
  void malformed_givesNothingAndNeverThrows(String body) {
    assertThat(parse("application/csp-report", body)).isEmpty();
  }

  @Test
  void invalidUtf8_givesNothing() {
    assertThat(CspReports.parse("application/csp-report", new byte[] {'{', (byte) 0xC3, '}'}))
        .isEmpty();
  }

  @Test
  void mediaTypes_onlyReportTypes() {
    assertThat(CspReports.acceptsMediaType("application/csp-report")).isTrue();
    assertThat(CspReports.acceptsMediaType("application/reports+json")).isTrue();
    assertThat(CspReports.acceptsMediaType("text/plain")).isFalse();
    assertThat(CspReports.acceptsMediaType("")).isFalse();
  }
}
