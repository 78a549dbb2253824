package dev.armet.internal.json;

/**
 * Bounds a parse so that hostile input costs at most linear time and bounded memory.
 *
 * <p>Defaults ({@link #DEFAULT}): 1 MiB of text, nesting depth 32, strings (and numbers) of at most
 * 64 KiB characters.
 *
 * <pre>{@code
 * Object value = Json.parse(text, JsonLimits.of(4096, 8, 1024));
 * }</pre>
 */
public final class JsonLimits {
  /** 1 MiB text, depth 32, 64 KiB strings. */
  public static final JsonLimits DEFAULT = new JsonLimits(1 << 20, 32, 1 << 16);

  private final int maxLength;
  private final int maxDepth;
  private final int maxStringLength;

  private JsonLimits(int maxLength, int maxDepth, int maxStringLength) {
    this.maxLength = maxLength;
    this.maxDepth = maxDepth;
    this.maxStringLength = maxStringLength;
  }

  /**
   * Limits in characters and nesting levels.
   *
   * @throws IllegalArgumentException if any bound is below 1
   */
  public static JsonLimits of(int maxLength, int maxDepth, int maxStringLength) {
    positive("maxLength", maxLength);
    positive("maxDepth", maxDepth);
    positive("maxStringLength", maxStringLength);
    return new JsonLimits(maxLength, maxDepth, maxStringLength);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }

  public int maxLength() {
    return maxLength;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public int maxStringLength() {
    return maxStringLength;
  }
}
