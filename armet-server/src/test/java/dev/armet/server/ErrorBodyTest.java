package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodyTest {
  @ParameterizedTest(name = "[{index}] Accept: {0} -> json {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | false",
        "'' | false",
        "*/* | false",
        "text/html | false",
        "application/json | true",
        "application/problem+json | true",
        "text/json | true",
        "'application/json, text/html' | false",
        "'text/html;q=0.5, application/json' | true",
        "'application/json;q=0.9, */*;q=0.8' | true",
        "'application/json;q=0.5, */*' | false",
        "'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' | false",
        "'application/json;q=0' | false",
        "'application/json;q=abc' | false",
        "'application/json;q=7' | false",
      })
  void prefersJson_followsQualities(String accept, boolean json) {
    assertThat(ErrorBody.prefersJson(accept)).isEqualTo(json);
  }

  @Test
  void escapeHtml_coversEveryMarkupCharacter() {
    assertThat(ErrorBody.escapeHtml("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&#34;x&#34; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    for (char c = 0; c < 0x2100; c++) {
      String in = String.valueOf(c);
      String out = ErrorBody.escapeHtml(in);
      assertThat(out).as("U+%04X", (int) c).doesNotContain("<", ">", "\"", "'");
      if ("<>&\"'".indexOf(c) < 0) {
        assertThat(out).as("U+%04X passes through", (int) c).isEqualTo(in);
      }
    }
  }

  @Test
  void production_json_isExactlyStatusAndReason() {
    ErrorBody.Rendered body =
        ErrorBody.render(
            404,
            "application/json",
            ArmetEnvironment.PRODUCTION,
            null,
            new ErrorBody.Detail("secret", "/x", new IllegalStateException("secret")));
    assertThat(new String(body.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"Not Found\",\"status\":404}");
  }

  @Test
  void development_json_escapesControlAndScriptCharacters() {
    ErrorBody.Rendered body =
        ErrorBody.render(
            400,
            "application/json",
            ArmetEnvironment.DEVELOPMENT,
            null,
            new ErrorBody.Detail("a\"b\\c\n</script>\u2028\u0001", null, null));
    assertThat(new String(body.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"error\":\"Bad Request\",\"status\":400,\"message\":\"a\\\"b\\\\c\\n\\u003c/script>\\u2028\\u0001\"}");
  }

  @Test
  void reason_usesRfc9110Phrases() {
    assertThat(ErrorBody.reason(500)).isEqualTo("Internal Server Error");
    assertThat(ErrorBody.reason(431)).isEqualTo("Request Header Fields Too Large");
    assertThat(ErrorBody.reason(599)).isEqualTo("Error");
  }
}
