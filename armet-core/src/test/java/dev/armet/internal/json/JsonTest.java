package dev.armet.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("true", true),
        Arguments.of(" \t\r\nfalse\n", false),
        Arguments.of("0", 0),
        Arguments.of("-0", 0),
        Arguments.of("2147483647", Integer.MAX_VALUE),
        Arguments.of("2147483648", 2147483648L),
        Arguments.of("-9223372036854775808", Long.MIN_VALUE),
        Arguments.of("9223372036854775808", new BigInteger("9223372036854775808")),
        Arguments.of("1.5", 1.5),
        Arguments.of("-1.25e2", -125.0),
        Arguments.of("1E-2", 0.01),
        Arguments.of("1e+2", 100.0),
        Arguments.of("\"\"", ""),
        Arguments.of("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "a\"b\\c/d\b\f\n\r\t"),
        Arguments.of("\"\\u00e9\\u20AC\"", "é€"),
        Arguments.of("\"\\ud83d\\ude00\"", "😀"),
        Arguments.of("\"😀 raw\"", "😀 raw"),
        Arguments.of("\"\u007f\u0080\"", "\u007f\u0080"),
        Arguments.of("[]", List.of()),
        Arguments.of("[1, [2, []], {}]", List.of(1, List.of(2, List.of()), Map.of())),
        Arguments.of(
            "{\"a\":{\"b\":[true,null]}}", Map.of("a", Map.of("b", Arrays.asList(true, null)))));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void parse_valid_returnsValue(String text, Object expected) {
    assertThat(Json.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "nul",
        "tru",
        "True",
        "NULL",
        "01",
        "-",
        "+1",
        "1.",
        ".5",
        "1e",
        "1e+",
        "0x10",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e400",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{\"a\":1,}",
        "{a:1}",
        "{'a':1}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":1,\"a\":2}",
        "[",
        "]",
        "{",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"a\u0000b\"",
        "\"a\nb\"",
        "\"a\tb\"",
        "1 2",
        "[] []",
        "\u00a01",
        "\ufeff1",
        "/*c*/1",
        "[1]x",
        "\"\ud800\"",
        "\"\\u０１２３\""
      })
  void parse_invalid_throwsJsonException(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class);
  }

  @Test
  void parse_deeperThanLimit_refused() {
    String deep = "[".repeat(33) + "]".repeat(33);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nested deeper than 32");
    assertThat(Json.parse("[".repeat(32) + "]".repeat(32))).isNotNull();
  }

  @Test
  void parse_hugeNesting_failsFastWithoutStackOverflow() {
    String deep = "[".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class);
  }

  @Test
  void parse_overLimits_refused() {
    JsonLimits tight = JsonLimits.of(20, 4, 5);
    assertThatThrownBy(() -> Json.parse("\"" + "a".repeat(30) + "\"", tight))
        .hasMessageContaining("longer than 20 characters");
    assertThatThrownBy(() -> Json.parse("\"abcdefg\"", tight))
        .hasMessageContaining("string longer than 5");
    assertThatThrownBy(() -> Json.parse("1234567", tight))
        .hasMessageContaining("number longer than 5");
    assertThatThrownBy(() -> JsonLimits.of(0, 1, 1)).hasMessage("maxLength must be >= 1, was 0");
  }

  @Test
  void parse_error_namesOffsetNotInput() {
    assertThatThrownBy(() -> Json.parse("[1,secret]"))
        .isInstanceOf(JsonException.class)
        .hasMessage("unexpected character at offset 3")
        .satisfies(e -> assertThat(((JsonException) e).offset()).isEqualTo(3));
  }

  @Test
  void write_thenParse_roundTrips() {
    Map<String, Object> value = new HashMap<>();
    value.put("s", "quote\" backslash\\ nl\n ctrl\u0001 del\u007f ls\u2028 😀");
    value.put(
        "n",
        Arrays.asList(1, -2L, 3.5, 1e300, null, true, new BigInteger("123456789012345678901")));
    value.put("m", Map.of("x", List.of()));
    assertThat(Json.parse(Json.write(value))).isEqualTo(Json.copyOf(value, "v"));
  }

  @Test
  void write_controlAndSeparatorCharacters_asLowerCaseUnicodeEscapes() {
    assertThat(Json.write("\u0000\u0001\u001f\u007f\u2028\u2029 \u00e9\n"))
        .isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\\u2028\\u2029 \u00e9\\n\"");
  }

  @Test
  void write_integralDouble_staysDouble() {
    assertThat(Json.write(2.0)).isEqualTo("2.0");
    assertThat(Json.parse(Json.write(2.0))).isEqualTo(2.0);
    assertThat(Json.write(List.of(1e20))).isEqualTo("[1.0E20]");
  }

  @Test
  void write_negativeZero_keepsItsSign() { // found by JsonFuzzTest: "-0.0" came back as 0.0
    assertThat(Json.write(-0.0)).isEqualTo("-0.0");
    assertThat(Json.parse(Json.write(List.of(-0.0)))).isEqualTo(List.of(-0.0));
  }

  @Test
  void copyOf_normalizesNumbersLikeParse() {
    assertThat(Json.copyOf(5L, "n")).isEqualTo(5);
    assertThat(Json.copyOf((short) 5, "n")).isEqualTo(5);
    assertThat(Json.copyOf(1.5f, "n")).isEqualTo(1.5);
    assertThat(Json.copyOf(Long.MAX_VALUE, "n")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @SuppressWarnings("unchecked")
  void copyOf_isDeepAndUnmodifiable() {
    List<Object> inner = new ArrayList<>(List.of("a"));
    Object copy = Json.copyOf(Map.of("l", inner), "v");
    inner.add("b");
    assertThat(copy).isEqualTo(Map.of("l", List.of("a")));
    assertThatThrownBy(() -> ((Map<String, Object>) copy).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of(new Object(), "cart: java.lang.Object is not JSON-shaped"),
        Arguments.of(
            Map.of("when", java.time.Instant.EPOCH),
            "cart.when: java.time.Instant is not JSON-shaped"),
        Arguments.of(List.of(1, new int[0]), "cart[1]: [I is not JSON-shaped"),
        Arguments.of(Map.of(1, "x"), "cart: map keys must be String, was java.lang.Integer"),
        Arguments.of(Double.NaN, "cart: NaN is not a finite number"),
        Arguments.of(Double.POSITIVE_INFINITY, "cart: Infinity is not a finite number"),
        Arguments.of(new java.util.concurrent.atomic.AtomicLong(), "is not a supported number"),
        Arguments.of("a\ud800", "cart: string has an unpaired surrogate at 1"));
  }

  @ParameterizedTest
  @MethodSource("unsupported")
  void copyOf_unsupported_namesPathAndType(Object value, String message) {
    assertThatThrownBy(() -> Json.copyOf(value, "cart"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void copyOf_selfContainingList_failsClearly() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);
    assertThatThrownBy(() -> Json.copyOf(loop, "x")).hasMessageContaining("nested deeper");
  }
}
