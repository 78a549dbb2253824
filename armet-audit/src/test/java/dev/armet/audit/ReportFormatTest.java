package dev.armet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writers on a report whose evidence is hostile markup, and the JSON against its schema. */
class ReportFormatTest {
  static final String HOSTILE = "<script>alert(1)</script>\" onload=\"x";

  static Report report() {
    return new Report(
        "https://example.test/",
        "C",
        55,
        new ObservatoryScore(
            "B", 70, 4, Map.of("strict-transport-security", "hsts-not-implemented")),
        List.of(
            new Finding(
                "server-version",
                Severity.LOW,
                "The Server header names a version",
                "Server: " + HOSTILE,
                "server_tokens off;"),
            new Finding("coep-missing", Severity.INFO, "No COEP", "", "")),
        new TlsSummary(
            List.of("TLSv1.3"),
            List.of("TLS_AES_128_GCM_SHA256"),
            List.of("x25519"),
            Map.of("subject", "CN=" + HOSTILE),
            List.of("h2"),
            "modern",
            "x25519"),
        12,
        "nginx");
  }

  static String write(ReportFormat format) throws Exception {
    StringWriter out = new StringWriter();
    format.write(List.of(report()), out);
    return out.toString();
  }

  @Test
  void html_hostileEvidence_isEscaped_andThePageLoadsNothing() throws Exception {
    String html = write(ReportFormat.HTML);
    assertThat(html)
        .doesNotContain("<script", "onload=\"x", "src=", "href=", "@import", "url(")
        .contains("&lt;script&gt;", "default-src 'none'", "server_tokens off;", "TLSv1.3")
        .contains("negotiated with a browser's offer: x25519");
  }

  @Test
  void junitAndSarif_hostileEvidence_staysData() throws Exception {
    assertThat(write(ReportFormat.JUNIT))
        .doesNotContain("<script")
        .contains("&lt;script&gt;", "failures=\"1\"");
    JsonNode sarif = new ObjectMapper().readTree(write(ReportFormat.SARIF));
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("note");
    assertThat(sarif.at("/runs/0/results/0/message/text").asText()).contains(HOSTILE);
  }

  @Test
  void json_hasEveryFieldTheSchemaRequires_andNoFindingFieldItLacks() throws Exception {
    JsonNode json = new ObjectMapper().readTree(write(ReportFormat.JSON));
    JsonNode schema =
        new ObjectMapper()
            .readTree(Files.readString(Path.of("..", "docs", "audit-report.schema.json")));
    JsonNode report = schema.at("/$defs/report");
    for (JsonNode required : report.get("required")) {
      assertThat(json.has(required.asText())).as(required.asText()).isTrue();
    }
    for (JsonNode required : report.at("/properties/observatory/required")) {
      assertThat(json.get("observatory").has(required.asText())).as(required.asText()).isTrue();
    }
    for (JsonNode required : report.at("/properties/tls/required")) {
      assertThat(json.get("tls").has(required.asText())).as(required.asText()).isTrue();
    }
    List<String> findingFields = new ArrayList<>();
    json.at("/findings/0").fieldNames().forEachRemaining(findingFields::add);
    List<String> schemaFields = new ArrayList<>();
    report
        .at("/properties/findings/items/properties")
        .fieldNames()
        .forEachRemaining(schemaFields::add);
    assertThat(findingFields).containsExactlyElementsOf(schemaFields);
    assertThat(json.at("/findings/0/severity").asText()).isEqualTo("low");
    assertThat(json.get("gradeDifference").asText()).contains("server-version");
    for (String field : List.of("groups", "negotiatedGroup")) {
      assertThat(report.at("/properties/tls/properties").has(field)).as(field).isTrue();
    }
    assertThat(json.at("/tls/negotiatedGroup").asText()).isEqualTo("x25519");
  }

  @Test
  void text_namesTheNegotiatedGroup() throws Exception {
    assertThat(write(ReportFormat.TEXT)).contains("negotiated group (browser offer): x25519");
  }

  @Test
  void parse_unknownFormat_namesTheAcceptedOnes() {
    assertThat(ReportFormat.parse("SARIF")).isEqualTo(ReportFormat.SARIF);
    assertThatThrownBy(() -> ReportFormat.parse("xml"))
        .hasMessageContaining("[text, json, html, sarif, junit]");
  }
}
