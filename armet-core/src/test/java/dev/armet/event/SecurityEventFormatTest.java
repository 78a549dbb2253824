package dev.armet.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.event.LogText;
import dev.armet.internal.json.Json;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The common field set, the two written forms, the request context and the levels. */
class SecurityEventFormatTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @Test
  void json_commonFieldsFirst_thenOwnFieldsInOrder() {
    SecurityEvent e =
        SecurityEvent.of("malicious_csrf")
            .request("203.0.113.9", "/transfer")
            .with("disposition", "refused")
            .with("reason", "origin-mismatch")
            .with("count", 3)
            .with("flag", true);
    String line = SecurityEventFormat.JSON.format(e);
    Map<String, Object> parsed = parse(line);
    assertThat(List.copyOf(parsed.keySet()))
        .containsExactly(
            "datetime",
            "event",
            "level",
            "source_ip",
            "request_uri",
            "disposition",
            "reason",
            "count",
            "flag");
    assertThat(parsed)
        .containsEntry("event", "malicious_csrf")
        .containsEntry("level", "WARN")
        .containsEntry("source_ip", "203.0.113.9")
        .containsEntry("request_uri", "/transfer")
        .containsEntry("count", 3)
        .containsEntry("flag", true);
    assertThat(OffsetDateTime.parse((String) parsed.get("datetime")).toInstant())
        .isEqualTo(e.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void text_commonFieldsFirst_absentRequestIsADash() {
    String line =
        SecurityEventFormat.TEXT.format(SecurityEvent.of("sys_startup").with("mode", "production"));
    assertThat(line)
        .matches(
            "datetime=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d"
                + " event=sys_startup level=INFO source_ip=- request_uri=- mode=\"production\"");
  }

  @Test
  void json_absentRequest_isNull() {
    Map<String, Object> parsed =
        parse(SecurityEventFormat.JSON.format(SecurityEvent.of("sys_shutdown")));
    assertThat(parsed).containsEntry("source_ip", null).containsEntry("request_uri", null);
  }

  @Test
  void ownFieldWithACommonName_isRenamed_neverOverwritesIt() {
    SecurityEvent e = SecurityEvent.of("csp_violation").with("level", "forged").with("event", "x");
    Map<String, Object> parsed = parse(SecurityEventFormat.JSON.format(e));
    assertThat(parsed)
        .containsEntry("level", "WARN")
        .containsEntry("event", "csp_violation")
        .containsEntry("field_level", "forged")
        .containsEntry("field_event", "x");
    assertThat(SecurityEventFormat.TEXT.format(e))
        .contains(" level=WARN ")
        .contains(" field_level=\"forged\"");
  }

  @Test
  void json_everyCharacterThatBreaksALine_isEscaped_andTheValueReadsBack() {
    List<String> leaked = new ArrayList<>();
    for (int c = 0; c <= 0xFFFF; c++) {
      String value = "/a" + (char) c + "b";
      String line = SecurityEventFormat.JSON.format(SecurityEvent.of("t_x").with("path", value));
      for (int i = 0; i < line.length(); i++) {
        if (SecurityEventRenderingTest.breaksALine(line.charAt(i))
            || (line.charAt(i) >= 0x80
                && !Character.isSurrogate(line.charAt(i))
                && LogText.mustEscape(line.charAt(i)))) {
          leaked.add(String.format("U+%04X", c));
          break;
        }
      }
      Object back = (parse(line)).get("path");
      assertThat(back)
          .as("U+%04X", c)
          .isEqualTo(Character.isSurrogate((char) c) ? "/a\ufffdb" : value);
    }
    assertThat(leaked)
        .as("characters written raw that a log reader splits on or misreads")
        .isEmpty();
  }

  @Test
  void text_everyCharacterThatBreaksALine_isEscaped() {
    for (int c = 0; c <= 0xFFFF; c++) {
      SecurityEvent e =
          SecurityEvent.of("t_x").request("1.2.3.4", "/p" + (char) c).with("v", "" + (char) c);
      String line = SecurityEventFormat.TEXT.format(e);
      for (int i = 0; i < line.length(); i++) {
        assertThat(SecurityEventRenderingTest.breaksALine(line.charAt(i)))
            .as("U+%04X", c)
            .isFalse();
      }
    }
  }

  @Test
  void json_longValue_isCut_andEmojiKept() {
    String line =
        SecurityEventFormat.JSON.format(
            SecurityEvent.of("t_x").with("v", "x".repeat(5000)).with("e", "\ud83d\ude00"));
    Map<String, Object> parsed = parse(line);
    assertThat((String) parsed.get("v")).hasSize(LogText.MAX_CHARS + 1).endsWith("x…");
    assertThat(parsed).containsEntry("e", "\ud83d\ude00");
  }

  @Test
  void of_insideAContext_namesItsRequest_andTheContextEndsWithTheScope() {
    try (SecurityEventContext.Scope outer = SecurityEventContext.enter("198.51.100.7", "/login")) {
      assertThat(SecurityEvent.of("authn_login_fail").sourceAddress()).contains("198.51.100.7");
      try (SecurityEventContext.Scope inner =
          SecurityEventContext.enter("198.51.100.8", "/error")) {
        assertThat(SecurityEvent.of("authn_login_fail").requestUri()).contains("/error");
      }
      assertThat(SecurityEvent.of("authn_login_fail").requestUri()).contains("/login");
    }
    assertThat(SecurityEvent.of("authn_login_fail").sourceAddress()).isEmpty();
    assertThat(SecurityEvent.of("authn_login_fail").requestUri()).isEmpty();
  }

  @Test
  void levels_perEvent_andOverridable() {
    assertThat(SecurityEvent.of("authn_login_success").level()).isEqualTo(Level.INFO);
    assertThat(SecurityEvent.of("malicious_csrf").level()).isEqualTo(Level.WARNING);
    assertThat(SecurityEvent.of("excess_rate_limit_store_unavailable").level())
        .isEqualTo(Level.ERROR);
    assertThat(SecurityEvent.of("something_new").level()).as("unlisted").isEqualTo(Level.WARNING);
    SecurityEvent e = SecurityEvent.of("csp_violation").with("a", 1).level(Level.INFO).with("b", 2);
    assertThat(e.level()).isEqualTo(Level.INFO);
    assertThat(e.fields()).containsOnlyKeys("a", "b");
  }

  @Test
  void linesSink_writesTheChosenForm() {
    List<String> lines = new ArrayList<>();
    SecurityEventSink sink = SecurityEventSink.lines(SecurityEventFormat.JSON, lines::add);
    sink.record(SecurityEvent.of("session_created").with("cookie", "__Host-id"));
    assertThat(lines)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("{\"datetime\":")
                    .contains("\"event\":\"session_created\",\"level\":\"INFO\"")
                    .doesNotContain("\n"));
  }

  @Test
  void gateSummary_namesNoRequest() {
    List<SecurityEvent> out = new ArrayList<>();
    EventGate gate = EventGate.builder(out::add).burst(1).build();
    gate.record(SecurityEvent.of("malicious_csrf"));
    gate.record(SecurityEvent.of("malicious_csrf"));
    try (SecurityEventContext.Scope s = SecurityEventContext.enter("192.0.2.1", "/x")) {
      gate.flush();
    }
    assertThat(out)
        .last()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("sys_events_suppressed");
              assertThat(e.sourceAddress()).isEmpty();
            });
  }
}
