package dev.armet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.armet.internal.json.Json;
import dev.armet.internal.json.JsonException;
import dev.armet.internal.json.JsonLimits;

/** The session-data parser either returns a value that round-trips or throws JsonException. */
class JsonFuzzTest {
  private static final JsonLimits LIMITS = JsonLimits.of(4096, 8, 512);

  @FuzzTest(maxDuration = "4s")
  void parse_anyText_valueOrJsonException(String text) {
    Object value;
    try {
      value = Json.parse(text, LIMITS);
    } catch (JsonException expected) {
      return;
    }
    assertThat(Json.parse(Json.write(value))).isEqualTo(value);
  }
}
