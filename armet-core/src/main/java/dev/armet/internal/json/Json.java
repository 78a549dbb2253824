package dev.armet.internal.json;

import org.jspecify.annotations.Nullable;

/**
 * A small, strict JSON codec (RFC 8259) for data Armet persists: session attributes, cookie
 * sessions. It exists so that session data is never Java-serialized, a format with a long history
 * of remote-code-execution bugs.
 *
 * <p>JSON-shaped values are {@code null}, {@link String}, {@link Boolean}, {@link Number} (integral
 * or finite floating point), {@link java.util.List} and {@link java.util.Map} with {@code String}
 * keys. Parsing is bounded by {@link JsonLimits}; it rejects duplicate object keys, unpaired
 * surrogates, leading zeros, trailing commas, non-finite numbers and trailing content. Numbers come
 * back as {@code Integer}, {@code Long}, {@code BigInteger} (integral, the smallest that fits) or
 * {@code Double}; lists and maps come back unmodifiable.
 *
 * <pre>{@code
 * String text = Json.write(Map.of("visits", 3, "tags", List.of("a", "b")));
 * Map<?, ?> back = (Map<?, ?>) Json.parse(text);   // {visits=3, tags=[a, b]}
 * }</pre>
 */
public final class Json {
  private Json() {}

  /** Parses with {@link JsonLimits#DEFAULT}. */
  public static @Nullable Object parse(String text) {
    return parse(text, JsonLimits.DEFAULT);
  }

  /**
   * Parses one JSON text.
   *
   * @throws JsonException if the text is not JSON or exceeds a limit
   */
  public static @Nullable Object parse(String text, JsonLimits limits) {
    return new JsonParser(text, limits).parseDocument();
  }

  /**
   * Writes a JSON-shaped value compactly.
   *
   * @throws IllegalArgumentException naming the path and type of the first unsupported value
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.write(JsonValues.copyOf(value, "$"), out);
    return out.toString();
  }

  /**
   * Checks that a value is JSON-shaped and returns a deep, unmodifiable copy with numbers
   * normalized as {@link #parse} would return them, so a value reads the same before and after a
   * round trip through storage.
   *
   * @param path how to name the value in an error, e.g. the attribute name
   * @throws IllegalArgumentException naming {@code path} and the unsupported type
   */
  public static Object copyOf(Object value, String path) {
    return JsonValues.copyOf(value, path);
  }
}
